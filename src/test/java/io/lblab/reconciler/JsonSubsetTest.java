package io.lblab.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The desired-vs-observed diff: subset semantics, named collections, ARM's case rules. */
class JsonSubsetTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String json) {
        try {
            // single quotes keep the literals below readable
            return MAPPER.readTree(json.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static String diff(String desired, String observed) {
        return JsonSubset.firstDifference(json(desired), json(observed), Set.of());
    }

    private static String diff(String desired, String observed, String... ignored) {
        return JsonSubset.firstDifference(json(desired), json(observed), Set.of(ignored));
    }

    // ---------------------------------------------------------------- subset

    @Test
    void differencesListsEveryDifferenceInTheOrderFirstDifferenceFindsThem() {
        String desired = "{'tags':{'a':'1','b':'2'},'properties':{'n':2,'rules':[{'name':'r1','properties':{'port':80}},"
                + "{'name':'r2','properties':{'port':81}}],'s':'x'}}";
        String observed = "{'tags':{'a':'1','b':'3'},'properties':{'n':1,'rules':[{'name':'r1','properties':{'port':80}},"
                + "{'name':'r3','properties':{'port':81}}],'s':'x'}}";
        assertThat(JsonSubset.differences(json(desired), json(observed), Set.of())).containsExactly(
                "tags.b", "properties.n", "properties.rules[r2]", "properties.rules[r3] (not wanted)");
        assertThat(JsonSubset.differences(json(desired), json(observed), Set.of()).get(0)).isEqualTo(diff(desired, observed));
        assertThat(JsonSubset.differences(json(desired), json(desired), Set.of())).isEmpty();
        assertThat(JsonSubset.differences(json(desired), null, Set.of())).containsExactly("(resource)");
    }


    @Test
    void equalBodiesHaveNoDifference() {
        String body = "{'location':'eastus','tags':{'a':'b'},'properties':{'n':1,'b':true,'s':'x','list':[1,2]}}";
        assertThat(diff(body, body)).isNull();
    }

    @Test
    void fieldsOnlyAzureHasAreIgnored() {
        assertThat(diff("{'location':'eastus','properties':{'addressSpace':{'addressPrefixes':['10.1.0.0/16']}}}",
                "{'id':'/subscriptions/s/x','name':'myVNet','etag':'W/\\'1\\'','location':'eastus',"
                        + "'properties':{'provisioningState':'Succeeded','resourceGuid':'g',"
                        + "'addressSpace':{'addressPrefixes':['10.1.0.0/16']},'enableDdosProtection':false}}"))
                .isNull();
    }

    @Test
    void aMissingDesiredFieldIsReportedWithItsDottedPath() {
        assertThat(diff("{'properties':{'addressSpace':{'addressPrefixes':['10.1.0.0/16']}}}", "{'properties':{}}"))
                .isEqualTo("properties.addressSpace");
        assertThat(diff("{'properties':{'dhcp':{'servers':['1.1.1.1']}}}", "{'properties':{'dhcp':{}}}"))
                .isEqualTo("properties.dhcp.servers");
        assertThat(diff("{'properties':{'x':1}}", "{'properties':{'x':null}}")).isEqualTo("properties.x");
    }

    @Test
    void aDifferentValueIsReportedWithItsDottedPath() {
        assertThat(diff("{'location':'eastus','properties':{'priority':200}}", "{'location':'eastus','properties':{'priority':201}}"))
                .isEqualTo("properties.priority");
        assertThat(diff("{'properties':{'enableFloatingIP':true}}", "{'properties':{'enableFloatingIP':false}}"))
                .isEqualTo("properties.enableFloatingIP");
        assertThat(diff("{'location':'eastus'}", "{'location':'westus'}")).isEqualTo("location");
        assertThat(diff("{'tags':{'team':'net'}}", "{'tags':{'team':'ops','other':'x'}}")).isEqualTo("tags.team");
    }

    @Test
    void aDifferentShapeIsADifference() {
        assertThat(diff("{'properties':{'subnet':{'id':'x'}}}", "{'properties':{'subnet':'x'}}")).isEqualTo("properties.subnet");
        assertThat(diff("{'properties':{'prefixes':['a']}}", "{'properties':{'prefixes':'a'}}")).isEqualTo("properties.prefixes");
        assertThat(diff("{'properties':{'s':'a'}}", "{'properties':{'s':{'a':1}}}")).isEqualTo("properties.s");
    }

    @Test
    void anAbsentResourceIsADifferenceAtTheRoot() {
        JsonNode desired = json("{'location':'eastus'}");
        assertThat(JsonSubset.firstDifference(desired, null, Set.of())).isEqualTo("(resource)");
        assertThat(JsonSubset.firstDifference(desired, MissingNode.getInstance(), Set.of())).isEqualTo("(resource)");
        assertThat(JsonSubset.firstDifference(desired, NullNode.getInstance(), Set.of())).isEqualTo("(resource)");
    }

    @Test
    void aDesiredNullAsksForNothing() {
        assertThat(diff("{'properties':{'x':null}}", "{'properties':{}}")).isNull();
    }

    @Test
    void theFirstDifferenceInDesiredOrderIsReported() {
        assertThat(diff("{'a':1,'b':2,'c':3}", "{'c':0,'b':0,'a':1}")).isEqualTo("b");
    }

    // ---------------------------------------------------------------- named collections

    @Test
    void namedElementsAreMatchedByNameRegardlessOfOrder() {
        assertThat(diff("{'properties':{'subnets':[{'name':'a','properties':{'addressPrefix':'10.1.0.0/24'}},"
                        + "{'name':'b','properties':{'addressPrefix':'10.1.1.0/24'}}]}}",
                "{'properties':{'subnets':[{'name':'b','id':'/x/b','properties':{'addressPrefix':'10.1.1.0/24','ipConfigurations':[]}},"
                        + "{'name':'a','id':'/x/a','properties':{'addressPrefix':'10.1.0.0/24'}}]}}"))
                .isNull();
    }

    @Test
    void namedElementsAreMatchedCaseInsensitively() {
        assertThat(diff("{'p':{'subnets':[{'name':'myBackendSubnet','v':1}]}}", "{'p':{'subnets':[{'name':'MYBACKENDSUBNET','v':1}]}}"))
                .isNull();
    }

    @Test
    void aDifferenceInsideANamedElementNamesTheElement() {
        assertThat(diff("{'properties':{'subnets':[{'name':'a','properties':{'addressPrefix':'10.1.0.0/24'}},"
                        + "{'name':'b','properties':{'addressPrefix':'10.1.1.0/24'}}]}}",
                "{'properties':{'subnets':[{'name':'b','properties':{'addressPrefix':'10.1.2.0/24'}},"
                        + "{'name':'a','properties':{'addressPrefix':'10.1.0.0/24'}}]}}"))
                .isEqualTo("properties.subnets[b].properties.addressPrefix");
    }

    @Test
    void aMissingNamedElementIsADifference() {
        assertThat(diff("{'p':{'rules':[{'name':'a'},{'name':'b'}]}}", "{'p':{'rules':[{'name':'a'},{'name':'c'}]}}"))
                .isEqualTo("p.rules[b]");
        assertThat(diff("{'p':{'rules':[{'name':'a'},{'name':'b'}]}}", "{'p':{'rules':[{'name':'a'}]}}"))
                .startsWith("p.rules");
    }

    @Test
    void aMissingNamedElementIsNamedEvenWhenTheCountsDiffer() {
        assertThat(diff("{'p':{'rules':[{'name':'a'},{'name':'b'}]}}", "{'p':{'rules':[{'name':'a'}]}}")).isEqualTo("p.rules[b]");
        assertThat(diff("{'p':{'rules':[{'name':'a'},{'name':'b'}]}}", "{'p':{'rules':[]}}")).isEqualTo("p.rules[a]");
        assertThat(diff("{'p':{'rules':[{'name':'a'}]}}", "{'p':{}}")).isEqualTo("p.rules");
    }

    @Test
    void anExtraNamedElementIsADifferenceBecauseAPutWouldDeleteIt() {
        assertThat(diff("{'p':{'subnets':[{'name':'a'}]}}", "{'p':{'subnets':[{'name':'a'},{'name':'AzureBastionSubnet'}]}}"))
                .isEqualTo("p.subnets[AzureBastionSubnet] (not wanted)");
        // wherever it stands, and after every desired element matched
        assertThat(diff("{'p':{'subnets':[{'name':'a'},{'name':'b'}]}}", "{'p':{'subnets':[{'name':'x'},{'name':'B'},{'name':'A'}]}}"))
                .isEqualTo("p.subnets[x] (not wanted)");
        // an element without a name cannot be one the blueprint wants
        assertThat(diff("{'p':{'subnets':[{'name':'a'}]}}", "{'p':{'subnets':[{'name':'a'},{'id':'/x'}]}}"))
                .isEqualTo("p.subnets[?] (not wanted)");
    }

    @Test
    void aMissingElementIsReportedBeforeAnExtraOne() {
        assertThat(diff("{'p':{'rules':[{'name':'a'},{'name':'b'}]}}", "{'p':{'rules':[{'name':'c'},{'name':'a'}]}}"))
                .isEqualTo("p.rules[b]");
    }

    @Test
    void anEmptyDesiredCollectionRequiresAnEmptyObservedOne() {
        assertThat(diff("{'p':{'outboundRules':[]}}", "{'p':{'outboundRules':[]}}")).isNull();
        assertThat(diff("{'p':{'outboundRules':[]}}", "{'p':{'outboundRules':[{'name':'myOutboundRule'}]}}"))
                .isEqualTo("p.outboundRules[myOutboundRule] (not wanted)");
        assertThat(diff("{'p':{'pools':[]}}", "{'p':{'pools':[{'id':'/a'}]}}")).isEqualTo("p.pools");
    }

    /** The load balancer's children, all reordered by Azure: no drift. */
    @Test
    void everyNamedChildCollectionOfALoadBalancerIsMatchedByName() {
        String desired = "{'properties':{"
                + "'frontendIPConfigurations':[{'name':'myFrontEnd','properties':{'publicIPAddress':{'id':'/pip1'}}},"
                + "{'name':'myFrontEndOutbound','properties':{'publicIPAddress':{'id':'/pip2'}}}],"
                + "'backendAddressPools':[{'name':'myBackEndPool'},{'name':'myBackendPoolOutbound'}],"
                + "'probes':[{'name':'myHealthProbe','properties':{'port':80}}],"
                + "'loadBalancingRules':[{'name':'myHTTPRule','properties':{'frontendPort':80}}],"
                + "'outboundRules':[{'name':'myOutboundRule','properties':{'allocatedOutboundPorts':10000}}]}}";
        String observed = "{'properties':{"
                + "'frontendIPConfigurations':[{'name':'myFrontEndOutbound','id':'/f2','properties':{'publicIPAddress':{'id':'/PIP2'}}},"
                + "{'name':'myFrontEnd','id':'/f1','properties':{'publicIPAddress':{'id':'/pip1'},'loadBalancingRules':[{'id':'/r'}]}}],"
                + "'backendAddressPools':[{'name':'myBackendPoolOutbound','id':'/b2'},{'name':'mybackendpool','id':'/b1'}],"
                + "'probes':[{'name':'myHealthProbe','properties':{'port':80,'intervalInSeconds':15}}],"
                + "'loadBalancingRules':[{'name':'myHTTPRule','properties':{'frontendPort':80}}],"
                + "'outboundRules':[{'name':'myOutboundRule','properties':{'allocatedOutboundPorts':10000}}],"
                + "'inboundNatRules':[{'name':'someoneElses'}]}}";
        assertThat(diff(desired, observed)).isNull();
        assertThat(diff(desired, observed.replace("'name':'myBackendPoolOutbound'", "'name':'otherPool'")))
                .isEqualTo("properties.backendAddressPools[myBackendPoolOutbound]");
        assertThat(diff(desired, observed.replace("'outboundRules':[{", "'outboundRules':[{'name':'extra'},{")))
                .isEqualTo("properties.outboundRules[extra] (not wanted)");
    }

    /** Azure's default rules are a separate array the blueprint never writes; only securityRules is compared. */
    @Test
    void theNsgsDefaultRulesAreNotDrift() {
        String desired = "{'properties':{'securityRules':[{'name':'myNSGRuleHTTP','properties':{'priority':200}}]}}";
        String observed = "{'properties':{'securityRules':[{'name':'myNSGRuleHTTP','properties':{'priority':200}}],"
                + "'defaultSecurityRules':[{'name':'AllowVnetInBound'},{'name':'DenyAllInBound'}]}}";
        assertThat(diff(desired, observed)).isNull();
    }

    /** Named only when every desired element has a name; otherwise the array compares by position. */
    @Test
    void anArrayWithSomeUnnamedElementsComparesByPosition() {
        assertThat(diff("{'p':[{'name':'a'},{'x':1}]}", "{'p':[{'x':1},{'name':'a'}]}")).isEqualTo("p[0].name");
        assertThat(diff("{'p':[{'name':'a'},{'x':1}]}", "{'p':[{'name':'a'},{'x':1}]}")).isNull();
        assertThat(diff("{'p':[{'name':''},{'name':'b'}]}", "{'p':[{'name':'b'},{'name':''}]}")).isEqualTo("p[0].name");
    }

    /** ARM leaves empty collections out of its responses (a NIC in no pool has no loadBalancerBackendAddressPools). */
    @Test
    void anEmptyDesiredCollectionMatchesAnAbsentOne() {
        assertThat(diff("{'p':{'ipConfigurations':[{'name':'ipconfig1','properties':{'loadBalancerBackendAddressPools':[]}}]}}",
                "{'p':{'ipConfigurations':[{'name':'ipconfig1','properties':{'privateIPAddress':'10.1.0.7'}}]}}"))
                .isNull();
        assertThat(diff("{'p':{'pools':[]}}", "{'p':{'pools':null}}")).isNull();
    }

    /** Internal mode's test NIC asks for no pool; Azure's answer for it has no pool list, and that is no drift. */
    @Test
    void theTestNicIsConvergedWhenAzureOmitsItsEmptyPoolList() {
        var blueprint = io.lblab.blueprint.Blueprints.of(new io.lblab.blueprint.BlueprintInputs("labs", "demo", "uid", "sub",
                io.lblab.api.LoadBalancerLabSpec.of(io.lblab.api.Mode.Internal), "pw"));
        var nic = blueprint.step(io.lblab.blueprint.Steps.TEST_NIC).orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode observed = nic.body().deepCopy();
        observed.put("id", nic.id()).put("name", nic.name()).put("etag", "W/\"1\"");
        var ipProperties = (com.fasterxml.jackson.databind.node.ObjectNode) observed.at("/properties/ipConfigurations/0/properties");
        assertThat(ipProperties.remove("loadBalancerBackendAddressPools")).isNotNull();
        ipProperties.put("privateIPAddress", "10.1.0.8").put("privateIPAllocationMethod", "Dynamic");

        assertThat(JsonSubset.firstDifference(nic.body(), observed, nic.createOnlyPaths())).isNull();
    }

    // ---------------------------------------------------------------- unnamed arrays

    @Test
    void unnamedArraysCompareByIndex() {
        assertThat(diff("{'p':{'prefixes':['10.1.0.0/16','10.2.0.0/16']}}", "{'p':{'prefixes':['10.1.0.0/16','10.2.0.0/16']}}")).isNull();
        assertThat(diff("{'p':{'prefixes':['10.1.0.0/16','10.2.0.0/16']}}", "{'p':{'prefixes':['10.2.0.0/16','10.1.0.0/16']}}"))
                .isEqualTo("p.prefixes[0]");
        assertThat(diff("{'p':{'pools':[{'id':'/a'},{'id':'/b'}]}}", "{'p':{'pools':[{'id':'/a'},{'id':'/c'}]}}"))
                .isEqualTo("p.pools[1].id");
    }

    @Test
    void unnamedArraysMustHaveTheSameLength() {
        assertThat(diff("{'p':{'pools':[{'id':'/a'}]}}", "{'p':{'pools':[{'id':'/a'},{'id':'/b'}]}}")).isEqualTo("p.pools");
        assertThat(diff("{'p':{'pools':[{'id':'/a'},{'id':'/b'}]}}", "{'p':{'pools':[{'id':'/a'}]}}")).isEqualTo("p.pools");
    }

    @Test
    void unnamedArrayElementsAreSubsetsToo() {
        assertThat(diff("{'p':{'disks':[{'lun':0,'diskSizeGB':1023}]}}",
                "{'p':{'disks':[{'lun':0,'diskSizeGB':1023,'managedDisk':{'id':'/d'},'caching':'None'}]}}")).isNull();
    }

    // ---------------------------------------------------------------- tags

    @Test
    void tagValuesAreCaseSensitiveLikeAzures() {
        assertThat(diff("{'tags':{'env':'Prod'}}", "{'tags':{'env':'Prod'}}")).isNull();
        assertThat(diff("{'tags':{'env':'Prod'}}", "{'tags':{'env':'prod'}}")).isEqualTo("tags.env");
        // names stay case-insensitive, as Azure's tag names are
        assertThat(diff("{'tags':{'Env':'Prod'}}", "{'tags':{'env':'Prod'}}")).isNull();
        assertThat(diff("{'tags':{'env':'Prod'}}", "{'tags':{}}")).isEqualTo("tags.env");
        assertThat(diff("{'tags':{'env':'Prod'}}", "{}")).isEqualTo("tags");
    }

    @Test
    void aTagRemovedFromTheSpecIsADifference() {
        // Azure holds env and team, and the operator's record says it set both; the spec now has team only
        assertThat(diff("{'tags':{'team':'net','lblab.io/tags':'team'}}",
                "{'tags':{'env':'dev','team':'net','lblab.io/tags':'env,team'}}"))
                .isEqualTo("tags.lblab.io/tags");
        // a key the record names and the desired tags lack is named itself, whatever the record's own comparison says
        assertThat(diff("{'tags':{'team':'net'}}", "{'tags':{'env':'dev','team':'net','lblab.io/tags':'env,team'}}"))
                .isEqualTo("tags.env (not wanted)");
        assertThat(diff("{'tags':{'team':'net'}}", "{'tags':{'ENV':'dev','team':'net','lblab.io/tags':'env,team'}}"))
                .isEqualTo("tags.ENV (not wanted)");
    }

    @Test
    void removingTheLastTagLeavesAnOwnedRecordBehindWhichIsADifference() {
        assertThat(diff("{'tags':{'lblab.io/managed-by':'lblab-operator'}}",
                "{'tags':{'lblab.io/managed-by':'lblab-operator','env':'dev','lblab.io/tags':'env'}}"))
                .isEqualTo("tags.env (not wanted)");
        // an operator tag the desired body no longer has is the operator's to remove
        assertThat(diff("{'tags':{'lblab.io/managed-by':'lblab-operator'}}",
                "{'tags':{'lblab.io/managed-by':'lblab-operator','lblab.io/tags':''}}"))
                .isEqualTo("tags.lblab.io/tags (not wanted)");
    }

    @Test
    void tagsSomeoneElseAddedAreNotADifference() {
        assertThat(diff("{'tags':{'team':'net','lblab.io/tags':'team'}}",
                "{'tags':{'team':'net','lblab.io/tags':'team','costCenter':'42','createdBy':'policy'}}"))
                .isNull();
        // without any record, nothing beyond the desired tags is the operator's
        assertThat(diff("{'tags':{'team':'net'}}", "{'tags':{'team':'net','env':'dev'}}")).isNull();
    }

    @Test
    void aDigestRecordNamesItsKeysToo() {
        String record = io.lblab.blueprint.OwnedTags.record(java.util.List.of("env", "team")).orElseThrow();
        String longRecord = io.lblab.blueprint.OwnedTags.record(java.util.List.of("env", "x".repeat(300))).orElseThrow();
        assertThat(record).isEqualTo("env,team");
        assertThat(longRecord).startsWith("sha256:").hasSizeLessThanOrEqualTo(256);
        assertThat(diff("{'tags':{'team':'net'}}", "{'tags':{'env':'dev','team':'net','lblab.io/tags':'" + longRecord + "'}}"))
                .isEqualTo("tags.env (not wanted)");
    }

    @Test
    void onlyTheBodysOwnTagsAreTags() {
        // a nested object called tags (none in the blueprint today) is an ordinary subset
        assertThat(diff("{'properties':{'tags':{'a':'B'}}}", "{'properties':{'tags':{'a':'b','lblab.io/x':'y'}}}")).isNull();
    }

    // ---------------------------------------------------------------- scalars

    @Test
    void numbersCompareNumerically() {
        assertThat(diff("{'port':80}", "{'port':80.0}")).isNull();
        assertThat(diff("{'port':80.0}", "{'port':80}")).isNull();
        assertThat(diff("{'size':1023}", "{'size':1023.00}")).isNull();
        assertThat(diff("{'big':10000000000}", "{'big':10000000000}")).isNull();
        assertThat(diff("{'port':80}", "{'port':80.5}")).isEqualTo("port");
        assertThat(diff("{'port':80}", "{'port':true}")).isEqualTo("port");
    }

    @Test
    void stringsCompareCaseInsensitivelyLikeArmIdsAndEnums() {
        assertThat(diff("{'p':{'subnet':{'id':'/subscriptions/S/resourceGroups/lblab-labs-demo/providers/Microsoft.Network/virtualNetworks/myVNet/subnets/myBackendSubnet'}}}",
                "{'p':{'subnet':{'id':'/subscriptions/s/resourcegroups/LBLAB-LABS-DEMO/providers/microsoft.network/virtualnetworks/myvnet/subnets/mybackendsubnet'}}}"))
                .isNull();
        assertThat(diff("{'p':{'publicIPAllocationMethod':'Static'}}", "{'p':{'publicIPAllocationMethod':'static'}}")).isNull();
        assertThat(diff("{'p':{'publicIPAllocationMethod':'Static'}}", "{'p':{'publicIPAllocationMethod':'Dynamic'}}"))
                .isEqualTo("p.publicIPAllocationMethod");
    }

    @Test
    void booleansMustBeEqual() {
        assertThat(diff("{'b':true}", "{'b':true}")).isNull();
        assertThat(diff("{'b':false}", "{'b':true}")).isEqualTo("b");
    }

    // ---------------------------------------------------------------- field names and ignored paths

    @Test
    void fieldNamesMatchCaseInsensitively() {
        assertThat(diff("{'properties':{'publicIPAddress':{'id':'/pip'}}}", "{'properties':{'publicIpAddress':{'id':'/PIP'}}}"))
                .isNull();
        assertThat(diff("{'properties':{'publicIPAddress':{'id':'/pip'}}}", "{'properties':{'publicIpAddress':{'id':'/other'}}}"))
                .isEqualTo("properties.publicIPAddress.id");
    }

    @Test
    void anExactFieldNameWinsOverACaseVariant() {
        assertThat(diff("{'p':{'x':1}}", "{'p':{'X':2,'x':1}}")).isNull();
    }

    @Test
    void ignoredPathsAreNotCompared() {
        String desired = "{'properties':{'osProfile':{'adminUsername':'azureuser','adminPassword':'secret'},'hardwareProfile':{'vmSize':'Standard_D2_v2'}}}";
        String observed = "{'properties':{'osProfile':{'adminUsername':'azureuser'},'hardwareProfile':{'vmSize':'Standard_D2_v2'}}}";
        assertThat(diff(desired, observed)).isEqualTo("properties.osProfile.adminPassword");
        assertThat(diff(desired, observed, "properties.osProfile.adminPassword")).isNull();
        // a whole subtree, even when Azure does not show it at all
        assertThat(diff(desired, "{'properties':{'hardwareProfile':{'vmSize':'Standard_D2_v2'}}}", "properties.osProfile")).isNull();
        // ignoring one path does not hide another
        assertThat(diff(desired, "{'properties':{'osProfile':{},'hardwareProfile':{'vmSize':'Standard_D4_v2'}}}", "properties.osProfile"))
                .isEqualTo("properties.hardwareProfile.vmSize");
    }

    @Test
    void ignoredPathsReachIntoNamedElements() {
        String desired = "{'p':{'rules':[{'name':'r','properties':{'port':80,'note':'x'}}]}}";
        String observed = "{'p':{'rules':[{'name':'r','properties':{'port':80,'note':'y'}}]}}";
        assertThat(diff(desired, observed)).isEqualTo("p.rules[r].properties.note");
        assertThat(diff(desired, observed, "p.rules[r].properties.note")).isNull();
    }
}
