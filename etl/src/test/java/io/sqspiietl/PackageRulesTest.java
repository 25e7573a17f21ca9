package io.sqspiietl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Set;

/**
 * The package rules of the production code, so that a change cannot quietly break them. The flow
 * is {@code cli -> pipeline -> source | transform | masking | sink}, with {@code keys} beside the
 * pipeline for the key and reveal use cases; {@code ops} observes the pipeline, and {@code sample}
 * makes test data. Only this module's main classes are checked: the {@code embedded} module's demo
 * and bench wire the pipeline as {@code cli} does, and so does the {@code lambda} module's handler,
 * the second entry point (its own rules are its {@code LambdaPackageRulesTest}); tests may reach anywhere.
 */
@AnalyzeClasses(packages = "io.sqspiietl", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {
    private static final Set<String> STAGES = Set.of("source", "transform", "masking", "sink");

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("io.sqspiietl.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule stagesDoNotKnowEachOther = slices().matching("io.sqspiietl.(*)..")
            .that(DescribedPredicate.describe("are stages " + STAGES, (Slice slice) -> STAGES.contains(slice.getNamePart(1))))
            .should().notDependOnEachOther()
            .because("each stage sees only its own types; the pipeline carries values from one to the next");

    @ArchTest
    static final ArchRule onlyCliKnowsCli = classes().that().resideInAPackage("io.sqspiietl.cli..")
            .should().onlyHaveDependentClassesThat().resideInAPackage("io.sqspiietl.cli..");

    @ArchTest
    static final ArchRule onlyCliWiresThePipelineAndOpsObservesIt = classes().that().resideInAPackage("io.sqspiietl.pipeline..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(
                    "io.sqspiietl.pipeline..", "io.sqspiietl.cli..", "io.sqspiietl.lambda..", "io.sqspiietl.ops..")
            .because("cli and the Lambda handler are the entry points, and ops implements PipelineListener to count "
                    + "and report what the pipeline does");

    @ArchTest
    static final ArchRule onlyCliRunsTheKeyUseCases = classes().that().resideInAPackage("io.sqspiietl.keys..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage("io.sqspiietl.keys..", "io.sqspiietl.cli..",
                    "io.sqspiietl.lambda..");

    @ArchTest
    static final ArchRule onlyTheSinkTalksJdbc = noClasses().that().resideOutsideOfPackage("io.sqspiietl.sink..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
            .because("the sink owns every connection and transaction");

    @ArchTest
    static final ArchRule theAwsSdkStaysAtTheEdges = noClasses()
            .that().resideOutsideOfPackages("io.sqspiietl.source..", "io.sqspiietl.masking..", "io.sqspiietl.sample..",
                    "io.sqspiietl.cli..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("the pipeline sees only MessageSource: SQS is the source's, KMS the masking's (AwsKmsAead), and "
                    + "seeding sends with an SqsClient (the sample's QueueSeeder, given its client by the seed command, "
                    + "whose --region the command line reads as an SDK Region)");

    @ArchTest
    static final ArchRule onlyCliEndsTheProcess = noClasses().that().resideOutsideOfPackage("io.sqspiietl.cli..")
            .should().callMethod(System.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "halt", int.class);
}
