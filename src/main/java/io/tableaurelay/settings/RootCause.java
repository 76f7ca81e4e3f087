package io.tableaurelay.settings;

/** The innermost cause of a failure: what went wrong, not the reflection or Camel wrappers around it. */
public final class RootCause {

    private RootCause() {
    }

    public static Throwable of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
