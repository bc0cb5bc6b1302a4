package io.pilotage.shared;

/**
 * The one exception a decision raises when the current state forbids a command. The edge maps it to
 * 409 Conflict; nothing has been written when it is thrown.
 */
public final class RuleViolation extends RuntimeException {

    private final transient BusinessRule rule;

    public RuleViolation(BusinessRule rule) {
        super(rule.name() + ": " + rule.message(), null, false, false);
        this.rule = rule;
    }

    public BusinessRule rule() {
        return rule;
    }

    public String ruleName() {
        return rule.name();
    }

    public String ruleMessage() {
        return rule.message();
    }
}
