package io.tableaurelay.registration;

/** What one reconciling run did, for the one-line summary in the log. */
public record ReconcileResult(int created, int updated, int reEnabled, int deleted, int unchanged) {

    @Override
    public String toString() {
        return "created " + created + ", updated " + updated + ", re-enabled " + reEnabled
                + ", deleted " + deleted + ", unchanged " + unchanged;
    }
}
