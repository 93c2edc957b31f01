package io.lblab.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lblab.api.LoadBalancerLab;

@ControllerConfiguration(name = "loadbalancerlab")
public class LoadBalancerLabReconciler implements Reconciler<LoadBalancerLab>, Cleaner<LoadBalancerLab> {

    @Override
    public UpdateControl<LoadBalancerLab> reconcile(LoadBalancerLab lab, Context<LoadBalancerLab> context) {
        return UpdateControl.noUpdate();
    }

    @Override
    public DeleteControl cleanup(LoadBalancerLab lab, Context<LoadBalancerLab> context) {
        return DeleteControl.defaultDelete();
    }
}
