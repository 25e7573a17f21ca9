package io.sqspiietl.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The handler's package rules, beside etl's {@code PackageRulesTest}: it wires the pipeline as {@code cli}
 * does, but receives and deletes nothing (Lambda does both), reads no command line, talks no JDBC and never
 * ends the process.
 */
@AnalyzeClasses(packages = "io.sqspiietl.lambda", importOptions = ImportOption.DoNotIncludeTests.class)
class LambdaPackageRulesTest {
    @ArchTest
    static final ArchRule noSqsClientInTheHandlerPath = noClasses().should().dependOnClassesThat()
            .resideInAPackage("software.amazon.awssdk..")
            .orShould().dependOnClassesThat().haveSimpleName("MessageSource")
            .orShould().dependOnClassesThat().haveSimpleName("SqsMessageSource")
            .because("Lambda's event source mapping receives and deletes; the handler only reports failures");

    @ArchTest
    static final ArchRule noCommandLine = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.sqspiietl.cli..", "picocli..")
            .because("the deployment artifact leaves picocli and the cli package out");

    @ArchTest
    static final ArchRule noJdbc = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
            .because("the sink owns every connection and transaction");

    @ArchTest
    static final ArchRule neverEndsTheProcess = noClasses().should().callMethod(System.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "halt", int.class);
}
