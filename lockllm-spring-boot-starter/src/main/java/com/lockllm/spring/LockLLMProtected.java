package com.lockllm.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Scans the request bodies of a Spring MVC handler method, or of every handler method of a
 * controller class, whatever {@code lockllm.protected-paths} says. Each attribute overrides the
 * {@code lockllm.*} property of the same name for this endpoint; an empty value inherits it. An
 * annotation on the method replaces the one on its class.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LockLLMProtected {
  /** low, medium or high. */
  String sensitivity() default "";

  /** block or allow_with_warning. */
  String scanAction() default "";

  /** strip, mask (placeholders restored in the answer), block or allow_with_warning. */
  String piiAction() default "";

  /** block or allow_with_warning. */
  String policyAction() default "";

  /** The body format, such as openai-chat or pointers. */
  String format() default "";

  /** JSON Pointers to the prompt fields, for the pointers format. */
  String[] pointers() default {};
}
