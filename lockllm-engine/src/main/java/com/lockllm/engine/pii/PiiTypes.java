package com.lockllm.engine.pii;

/** The LockLLM entity type names this engine detects, spelled exactly as the API reports them. */
public final class PiiTypes {
  public static final String EMAIL = "Email";
  public static final String PHONE_NUMBER = "Phone Number";
  public static final String CREDIT_CARD = "Credit Card";
  public static final String SOCIAL_SECURITY_NUMBER = "Social Security Number";

  private PiiTypes() {}
}
