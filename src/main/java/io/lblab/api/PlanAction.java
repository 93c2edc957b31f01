package io.lblab.api;

/** What the operator would do to one resource when the plan is applied. */
public enum PlanAction {
    Create, Update, Delete, NoChange
}
