package io.vrrpd.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a lab test class: tagged {@code lab} (surefire excludes it, failsafe runs only it) and extended with
 * {@link LabExtension}, which skips it with a reason when the machine cannot run a lab and can hand a
 * test method a fresh {@link Lab} parameter.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
@ExtendWith(LabExtension.class)
public @interface LabTest {
}
