package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskpipe.doccheck.DocSnippets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the CloudFormation template in docs/lambda.md against the CloudFormation resource specification: every
 * resource type and property exists, every required property is given, every value has the shape the specification
 * says (primitive, list, map or property type, or an intrinsic function), and every Ref and Fn::GetAtt names a
 * parameter, a resource or one of its attributes. The specification comes from the npm package @aws-cdk/cfnspec
 * 2.72.1 ({@code spec/specification.json}): .ci/run installs it and sets {@code MASKPIPE_CFN_SPEC}; without it the
 * test is skipped locally (run {@code npm install @aws-cdk/cfnspec@2.72.1} and point the variable at the file).
 */
class LambdaTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName",
            "AWS::Partition", "AWS::URLSuffix", "AWS::StackId", "AWS::NoValue", "AWS::NotificationARNs");
    private static JsonNode spec;
    private static JsonNode template;

    @BeforeAll
    static void read() throws IOException {
        String path = System.getenv("MASKPIPE_CFN_SPEC");
        Assumptions.assumeTrue(path != null && !path.isBlank(),
                "MASKPIPE_CFN_SPEC is not set: the CloudFormation specification check runs in CI");
        spec = JSON.readTree(Path.of(path).toFile());
        template = JSON.readTree(templateText());
    }

    @Test
    void template_everyResourceAndProperty_matchesTheSpecification() {
        List<String> problems = new ArrayList<>();
        template.get("Resources").fields().forEachRemaining(resource -> {
            String name = resource.getKey();
            String type = resource.getValue().get("Type").asText();
            JsonNode resourceSpec = spec.get("ResourceTypes").get(type);
            if (resourceSpec == null) {
                problems.add(name + ": unknown resource type " + type);
                return;
            }
            checkProperties(name, type, resourceSpec.get("Properties"), resource.getValue().get("Properties"),
                    problems);
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void template_everyRefAndGetAtt_namesSomethingThatExists() {
        List<String> problems = new ArrayList<>();
        checkReferences(template.get("Resources"), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void template_eventSourceMapping_isSizedAsTheDocsSay() {
        JsonNode mapping = template.get("Resources").get("LoginEventSourceMapping").get("Properties");
        JsonNode queue = template.get("Resources").get("LoginQueue").get("Properties");
        JsonNode function = template.get("Resources").get("LoginFunction").get("Properties");

        assertThat(mapping.get("FunctionResponseTypes")).containsExactly(JSON.getNodeFactory()
                .textNode("ReportBatchItemFailures"));
        assertThat(mapping.get("ScalingConfig").has("MaximumConcurrency")).isTrue();
        assertThat(queue.get("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(6 * function.get("Timeout")
                .asInt());
        assertThat(mapping.get("MaximumBatchingWindowInSeconds").asInt()).as("batches over 10 need a window")
                .isGreaterThanOrEqualTo(1);
        assertThat(function.get("Handler").asText()).isEqualTo(UserLoginsHandler.class.getName()
                + "::handleRequest");
    }

    private static void checkProperties(String where, String resourceType, JsonNode specProperties, JsonNode given,
            List<String> problems) {
        if (specProperties == null) {
            problems.add(where + ": no properties in the specification");
            return;
        }
        specProperties.fields().forEachRemaining(p -> {
            if (p.getValue().path("Required").asBoolean(false) && (given == null || !given.has(p.getKey()))) {
                problems.add(where + ": required property " + p.getKey() + " missing");
            }
        });
        if (given == null) {
            return;
        }
        given.fields().forEachRemaining(p -> {
            JsonNode propertySpec = specProperties.get(p.getKey());
            if (propertySpec == null) {
                problems.add(where + ": unknown property " + p.getKey());
            } else {
                checkValue(where + "." + p.getKey(), resourceType, propertySpec, p.getValue(), problems);
            }
        });
    }

    private static void checkValue(String where, String resourceType, JsonNode propertySpec, JsonNode value,
            List<String> problems) {
        if (isIntrinsic(value)) {
            return;
        }
        if (propertySpec.has("PrimitiveType")) {
            checkPrimitive(where, propertySpec.get("PrimitiveType").asText(), value, problems);
            return;
        }
        String type = propertySpec.path("Type").asText();
        if (type.equals("List")) {
            if (!value.isArray()) {
                problems.add(where + ": a list expected");
                return;
            }
            for (JsonNode item : value) {
                checkItem(where + "[]", resourceType, propertySpec, item, problems);
            }
        } else if (type.equals("Map")) {
            if (!value.isObject()) {
                problems.add(where + ": a map expected");
                return;
            }
            value.forEach(item -> checkItem(where + "{}", resourceType, propertySpec, item, problems));
        } else {
            JsonNode nested = propertyType(resourceType, type);
            if (nested == null) {
                problems.add(where + ": unknown property type " + type);
            } else if (!value.isObject()) {
                problems.add(where + ": an object of type " + type + " expected");
            } else {
                checkProperties(where, resourceType, nested.get("Properties"), value, problems);
            }
        }
    }

    private static void checkItem(String where, String resourceType, JsonNode propertySpec, JsonNode item,
            List<String> problems) {
        if (isIntrinsic(item)) {
            return;
        }
        if (propertySpec.has("PrimitiveItemType")) {
            checkPrimitive(where, propertySpec.get("PrimitiveItemType").asText(), item, problems);
        } else {
            JsonNode nested = propertyType(resourceType, propertySpec.path("ItemType").asText());
            if (nested == null || !item.isObject()) {
                problems.add(where + ": an object of type " + propertySpec.path("ItemType").asText() + " expected");
            } else {
                checkProperties(where, resourceType, nested.get("Properties"), item, problems);
            }
        }
    }

    private static void checkPrimitive(String where, String primitive, JsonNode value, List<String> problems) {
        boolean ok = switch (primitive) {
            case "String" -> value.isTextual();
            case "Integer", "Long" -> value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?\\d+");
            case "Double" -> value.isNumber();
            case "Boolean" -> value.isBoolean() || value.isTextual() && value.asText().matches("true|false");
            case "Json" -> value.isObject() || value.isTextual();
            default -> value.isValueNode();
        };
        if (!ok) {
            problems.add(where + ": a " + primitive + " expected, got " + value.getNodeType());
        }
    }

    private static JsonNode propertyType(String resourceType, String type) {
        JsonNode own = spec.get("PropertyTypes").get(resourceType + "." + type);
        return own != null ? own : spec.get("PropertyTypes").get(type);
    }

    private static boolean isIntrinsic(JsonNode value) {
        if (!value.isObject() || value.size() != 1) {
            return false;
        }
        String key = value.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    private static void checkReferences(JsonNode node, List<String> problems) {
        if (node.isObject()) {
            if (node.has("Ref") && node.size() == 1) {
                String target = node.get("Ref").asText();
                if (!template.get("Resources").has(target) && !template.path("Parameters").has(target)
                        && !PSEUDO_PARAMETERS.contains(target)) {
                    problems.add("Ref to unknown " + target);
                }
            }
            if (node.has("Fn::GetAtt") && node.size() == 1) {
                String target = node.get("Fn::GetAtt").get(0).asText();
                String attribute = node.get("Fn::GetAtt").get(1).asText();
                JsonNode resource = template.get("Resources").get(target);
                JsonNode attributes = resource == null ? null
                        : spec.get("ResourceTypes").get(resource.get("Type").asText()).get("Attributes");
                if (attributes == null || !attributes.has(attribute)) {
                    problems.add("Fn::GetAtt " + target + "." + attribute + " does not exist");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                checkReferences(it.next().getValue(), problems);
            }
        } else if (node.isArray()) {
            node.forEach(child -> checkReferences(child, problems));
        }
    }

    /** The CloudFormation template of docs/lambda.md, its one {@code ```json} block. */
    private static String templateText() {
        return DocSnippets.forThisModule().block("docs/lambda.md", "json", "\"AWSTemplateFormatVersion\"");
    }
}
