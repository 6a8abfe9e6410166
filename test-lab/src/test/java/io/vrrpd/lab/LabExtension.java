package io.vrrpd.lab;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 glue for lab tests. As a condition it disables them, with {@link LabPrerequisites#missing()} as
 * the reason, when not root or when ip, keepalived, tshark or tcpdump is missing. As a parameter resolver it
 * gives a test method a fresh {@link Lab} (no nodes) and closes it afterwards, keeping the lab directory
 * when the test failed.
 */
public final class LabExtension implements ExecutionCondition, ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = LabPrerequisites.missing();
        return missing.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("root, ip, keepalived, tshark and tcpdump found"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Lab lab = Lab.create();
        context.getStore(STORE).put(Lab.class, lab);
        return lab;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Lab lab = context.getStore(STORE).remove(Lab.class, Lab.class);
        if (lab != null) {
            if (context.getExecutionException().isPresent()) {
                lab.markFailed();
            }
            lab.close();
        }
    }
}
