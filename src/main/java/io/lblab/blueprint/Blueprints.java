package io.lblab.blueprint;

/** Entry point: the desired-state graph of a lab, per mode. Pure: same inputs, same graph. */
public final class Blueprints {

    private Blueprints() {
    }

    public static Blueprint of(BlueprintInputs inputs) {
        return switch (inputs.spec().mode()) {
            case Public -> PublicLabBlueprint.build(inputs);
            case Internal -> InternalLabBlueprint.build(inputs);
        };
    }
}
