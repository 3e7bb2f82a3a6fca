package com.lockllm.engine.pii;

/** The 17 LockLLM entity type names, spelled exactly as the API reports them in {@code pii_result.entity_types}. */
public final class PiiTypes {
  public static final String FIRST_NAME = "First Name";
  public static final String LAST_NAME = "Last Name";
  public static final String DATE_OF_BIRTH = "Date of Birth";
  public static final String USERNAME = "Username";
  public static final String EMAIL = "Email";
  public static final String PHONE_NUMBER = "Phone Number";
  public static final String STREET_ADDRESS = "Street Address";
  public static final String CITY = "City";
  public static final String ZIP_CODE = "Zip Code";
  public static final String BUILDING_NUMBER = "Building Number";
  public static final String CREDIT_CARD = "Credit Card";
  public static final String ACCOUNT_NUMBER = "Account Number";
  public static final String TAX_ID = "Tax ID";
  public static final String SOCIAL_SECURITY_NUMBER = "Social Security Number";
  public static final String DRIVERS_LICENSE = "Driver's License";
  public static final String ID_CARD_NUMBER = "ID Card Number";
  public static final String PASSWORD = "Password";

  private PiiTypes() {}
}
