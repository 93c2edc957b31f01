package io.lblab.blueprint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.api.Mode;
import org.junit.jupiter.api.Test;

import static io.lblab.blueprint.BlueprintTestSupport.blueprint;
import static io.lblab.blueprint.BlueprintTestSupport.defaults;
import static io.lblab.blueprint.BlueprintTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** An image change that reached the operator despite the CRD is recognised against the VMs Azure has. */
class VmImagesTest {

    private static ObjectNode observedAs(DesiredResource vm) {
        ObjectNode observed = vm.body().deepCopy();
        ((ObjectNode) observed.at("/properties/osProfile")).remove("adminPassword");
        ((ObjectNode) observed.at("/properties/storageProfile/imageReference")).put("exactVersion", "17763.6414.241004");
        observed.put("id", vm.id());
        return observed;
    }

    @Test
    void theSameImageIsNoChange() {
        DesiredResource vm = BlueprintTestSupport.resource(defaults(Mode.Public), "myVM1");
        assertThat(VmImages.change(vm, observedAs(vm))).isEmpty();
        ObjectNode recased = observedAs(vm);
        ((ObjectNode) recased.at("/properties/storageProfile/imageReference")).put("publisher", "microsoftwindowsserver");
        assertThat(VmImages.change(vm, recased)).as("ARM compares case-insensitively").isEmpty();
    }

    @Test
    void anotherImageInTheSpecIsNamed() {
        DesiredResource running = BlueprintTestSupport.resource(defaults(Mode.Internal), "myTestVM");
        DesiredResource wanted = BlueprintTestSupport.resource(
                blueprint(spec("mode: Internal\nbackends: {image: {sku: 2022-Datacenter}}\n")), "myTestVM");
        assertThat(VmImages.change(wanted, observedAs(running))).contains("spec.backends.image is immutable: myTestVM runs "
                + "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest; delete the lab and create it again to use "
                + "MicrosoftWindowsServer:WindowsServer:2022-Datacenter:latest");
    }

    @Test
    void otherResourcesAndUnknownImagesAreNotJudged() {
        Blueprint lab = defaults(Mode.Public);
        DesiredResource nic = BlueprintTestSupport.resource(lab, "myNicVM1");
        assertThat(VmImages.change(nic, nic.body())).isEmpty();
        DesiredResource vm = BlueprintTestSupport.resource(lab, "myVM2");
        ObjectNode withoutImage = observedAs(vm);
        ((ObjectNode) withoutImage.at("/properties/storageProfile")).remove("imageReference");
        assertThat(VmImages.change(vm, withoutImage)).isEmpty();
        assertThat(VmImages.change(vm, null)).isEmpty();
    }
}
