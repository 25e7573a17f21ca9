/**
 * The AWS Lambda entry point, the second beside {@code cli}: {@link io.sqspiietl.lambda.SqsHandler} takes the
 * batches of an SQS event source mapping and loads them through the pipeline's
 * {@link io.sqspiietl.pipeline.InvocationLoader}, configured from {@code run}'s environment variables. It
 * receives and deletes nothing itself: Lambda does both, so the package holds no SQS client
 * ({@code LambdaPackageRulesTest}).
 */
package io.sqspiietl.lambda;
