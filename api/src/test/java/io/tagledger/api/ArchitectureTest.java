package io.tagledger.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house's one direction, as the README draws it: {@code api} over {@code query} over {@code domain},
 * and within each module packages that never import one another in a circle (adapters over the
 * application layer, mechanisms under both, {@code config} wiring them).
 */
@AnalyzeClasses(packages = "io.tagledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiPackagesFormNoCycle = slices().matching("io.tagledger.api.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule queryPackagesFormNoCycle = slices().matching("io.tagledger.query.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainPackagesFormNoCycle = slices().matching("io.tagledger.domain.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainKnowsNoOtherModuleAndNoSpring = noClasses().that().resideInAPackage("io.tagledger.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tagledger.query..", "io.tagledger.api..", "org.springframework..",
                    "jakarta.persistence..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule theReadSideKnowsNoAdapter = noClasses().that().resideInAPackage("io.tagledger.query..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tagledger.api..", "org.springframework.web..", "jakarta.servlet..");
}
