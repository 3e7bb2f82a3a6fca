package com.lockllm.micronaut;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Protects a controller, or one of its methods, whatever {@code lockllm.protected-paths} says,
 * with per-endpoint overrides of the configured options. An empty member inherits the configured
 * value; values use the option's configuration spelling ({@code block}, {@code high}, {@code strip},
 * {@code openai-chat}). On both class and method, the method's annotation wins.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LockLLMProtected {
  /** {@code low}, {@code medium} or {@code high}. */
  String sensitivity() default "";

  /** {@code block} or {@code allow_with_warning}. */
  String scanAction() default "";

  /** {@code block}, {@code strip}, {@code mask} (placeholders restored in the answer) or {@code allow_with_warning}. */
  String piiAction() default "";

  /** The prompt format of the body, such as {@code openai-chat} or {@code pointers}. */
  String format() default "";

  /** JSON Pointers to the prompt fields (with {@code format = "pointers"}). */
  String[] pointers() default {};
}
