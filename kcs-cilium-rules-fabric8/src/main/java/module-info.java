/**
 * kcs-cilium-rules fabric8 adapter: typed fabric8 models of CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy
 * ({@code io.kcs.cilium.rules.fabric8.v2}) and the profile mapping with YAML/JSON helpers
 * ({@code io.kcs.cilium.rules.fabric8}).
 *
 * <p>fabric8's model jars have no module descriptor and no {@code Automatic-Module-Name}: their module names are
 * derived from the jar file names ({@code kubernetes.model.core}, {@code kubernetes.model.common}). The models are
 * exported, not opened: Jackson binds them through their public accessors. They are registered as fabric8
 * {@code KubernetesResource} services, here for the module path and in {@code META-INF/services} for the class path,
 * so that fabric8 deserialises {@code cilium.io/v2} resources to these types. Sundrio's builder annotations are
 * needed at compile time only; the generated builders extend fabric8's own builder classes.
 */
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.kcs.cilium.rules.fabric8 {
    requires transitive io.kcs.cilium.rules;
    requires transitive kubernetes.model.core;
    requires transitive kubernetes.model.common;
    requires transitive kubernetes.model.admissionregistration;
    requires kubernetes.model.apps;
    requires kubernetes.model.batch;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires re2j;
    requires static builder.annotations;

    exports io.kcs.cilium.rules.fabric8;
    exports io.kcs.cilium.rules.fabric8.v2;
    exports io.kcs.cilium.rules.fabric8.admission;

    provides io.fabric8.kubernetes.api.model.KubernetesResource with
            io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicy,
            io.kcs.cilium.rules.fabric8.v2.CiliumNetworkPolicyList,
            io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicy,
            io.kcs.cilium.rules.fabric8.v2.CiliumClusterwideNetworkPolicyList;
}
