package io.pilotage.shared;

/**
 * A named rule of the domain. Each rule is its own type so that a violation can be recognised by
 * name in logs, tests and API responses, and its message stays the same wherever it is raised.
 */
public interface BusinessRule {

    /** A sentence the operator can act on. Never contains personal data. */
    String message();

    /** The stable name of the rule, used as the problem type suffix at the API edge. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Facts the caller needs to act on the violation (the id of what is in the way); never personal data. */
    default java.util.Map<String, Object> details() {
        return java.util.Map.of();
    }
}
