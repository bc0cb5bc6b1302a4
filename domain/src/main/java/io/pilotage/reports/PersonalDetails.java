package io.pilotage.reports;

/**
 * What a report says about the person and in their own words, each sealed with the reporter's key; any may be
 * null when not given. The description is here because citizens write names, phone numbers and addresses in it.
 */
public record PersonalDetails(Sealed firstName, Sealed lastName, Sealed email, Sealed phone, Sealed description) {

    public static PersonalDetails none() {
        return new PersonalDetails(null, null, null, null, null);
    }
}
