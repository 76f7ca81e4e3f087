package io.tableaurelay;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages form a stack (docs/architecture.md, "Packages"): no package imports one that imports it back, and the
 * two at the bottom, the settings and the event's vocabulary, import no other package of the relay.
 */
@AnalyzeClasses(packages = "io.tableaurelay", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageLayersTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.tableaurelay.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule settingsAtTheBottom = importsOnly("io.tableaurelay.settings");

    @ArchTest
    static final ArchRule eventsOnSettingsOnly = importsOnly("io.tableaurelay.event", "io.tableaurelay.settings");

    /** The classes of the package import none of the relay's packages but these. */
    private static ArchRule importsOnly(String relayPackage, String... below) {
        String[] allowed = new String[below.length + 1];
        allowed[0] = relayPackage;
        System.arraycopy(below, 0, allowed, 1, below.length);
        return noClasses().that().resideInAPackage(relayPackage).should().dependOnClassesThat(
                resideInAPackage("io.tableaurelay..").and(not(resideInAnyPackage(allowed))));
    }
}
