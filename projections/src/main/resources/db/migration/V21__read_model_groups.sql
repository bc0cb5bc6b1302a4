-- Ten of the eleven read models now share three processing groups (io.pilotage.shared.ReadModelGroups; imports keep theirs). A new group has no
-- token, so it reads the store from the start: the read models are emptied here and rebuilt by that replay, exactly
-- as a reset would. V22 removes the old groups' tokens and parked letters.
TRUNCATE rm_lighting_light_point, rm_lighting_light_point_failure, rm_lighting_failing_point, rm_lighting_failing_failure,
    rm_lighting_cabinet, rm_lighting_cabinet_day, rm_lighting_cabinet_reading,
    rm_contract_terms, rm_contract_terms_priority, rm_contract_delay, rm_contract_delay_pause, rm_contract_failure,
    rm_contract_point, rm_contract_energy_baseline, rm_contract_energy_month,
    rm_interventions_board, rm_interventions_fault, rm_interventions_pause, rm_crews_board, rm_crews_shift,
    rm_crews_assignment, rm_audit_intervention, rm_audit_intervention_event, rm_audit_failure_event,
    rm_audit_failure_intervention;
