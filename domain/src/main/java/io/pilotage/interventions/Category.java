package io.pilotage.interventions;

import io.pilotage.shared.Skill;

/** What kind of work an intervention is, and so which skill its crew needs. */
public enum Category {
    LIGHTING(Skill.LIGHTING), TRAFFIC_SIGNAL(Skill.TRAFFIC), ROADWORKS(Skill.ROADWORKS), CLEANING(Skill.CLEANING),
    WASTE(Skill.WASTE);

    private final Skill requiredSkill;

    Category(Skill requiredSkill) {
        this.requiredSkill = requiredSkill;
    }

    public Skill requiredSkill() {
        return requiredSkill;
    }
}
