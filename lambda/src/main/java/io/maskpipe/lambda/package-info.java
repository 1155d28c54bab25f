/**
 * The maskpipe pipeline as an AWS Lambda SQS handler: extend {@link io.maskpipe.lambda.SqsBatchHandler} and describe
 * the pipeline as for a polling run. See {@code docs/lambda.md} for deployment (a CloudFormation template) and
 * sizing.
 *
 * <p>Every parameter and return value is non-null unless its javadoc says otherwise.
 *
 * @since 0.1.0
 */
package io.maskpipe.lambda;
