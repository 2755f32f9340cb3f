package io.kcs.cilium.rules.fabric8.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code deploy/webhook/} parse with fabric8 into the right kinds and agree with each other and with
 * the server: the webhook's Service, port and path, the rules for both Cilium policy kinds, the certificate's Secret
 * and DNS names, the probes on the server's endpoints, and the pod's hardening.
 */
class WebhookManifestsTest {

    static final Path DIR = Path.of("../deploy/webhook");
    static final List<HasMetadata> ALL = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        KubernetesSerialization k8s = new KubernetesSerialization();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.sorted().toList()) {
                for (String doc : Files.readString(f).split("(?m)^---$")) {
                    if (!doc.isBlank()) {
                        ALL.add(k8s.unmarshal(doc, HasMetadata.class));
                    }
                }
            }
        }
    }

    static <T> T one(Class<T> type) {
        List<T> found = ALL.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    static GenericKubernetesResource generic(String kind) {
        return ALL.stream().filter(r -> r instanceof GenericKubernetesResource && r.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    }

    @Test
    void everyManifestHasItsKind() {
        assertThat(ALL).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Namespace", "ServiceAccount",
                "Issuer", "Certificate", "Deployment", "Service", "ValidatingWebhookConfiguration");
        one(Namespace.class);
        one(ServiceAccount.class);
        one(Deployment.class);
        one(Service.class);
        one(ValidatingWebhookConfiguration.class);
        String ns = one(Namespace.class).getMetadata().getName();
        assertThat(ALL).filteredOn(r -> !(r instanceof Namespace || r instanceof ValidatingWebhookConfiguration))
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).as(r.getKind()).isEqualTo(ns));
    }

    @Test
    void theWebhookCallsTheServiceOnTheServersPathForBothPolicyKinds() {
        ValidatingWebhookConfiguration vwc = one(ValidatingWebhookConfiguration.class);
        Service svc = one(Service.class);
        Deployment d = one(Deployment.class);
        ValidatingWebhook w = vwc.getWebhooks().get(0);
        assertThat(vwc.getWebhooks()).hasSize(1);
        assertThat(w.getClientConfig().getService().getName()).isEqualTo(svc.getMetadata().getName());
        assertThat(w.getClientConfig().getService().getNamespace()).isEqualTo(svc.getMetadata().getNamespace());
        assertThat(w.getClientConfig().getService().getPath()).isEqualTo("/validate");
        ServicePort port = svc.getSpec().getPorts().stream()
                .filter(p -> p.getPort().equals(w.getClientConfig().getService().getPort())).findFirst().orElseThrow();
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo(port.getTargetPort().getStrVal());
            assertThat(c.getArgs()).contains("--port=" + p.getContainerPort());
        });
        assertThat(svc.getSpec().getSelector()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(svc.getSpec().getSelector());
        assertThat(w.getRules()).singleElement().satisfies((RuleWithOperations r) -> {
            assertThat(r.getApiGroups()).containsExactly("cilium.io");
            assertThat(r.getApiVersions()).containsExactly("v2");
            assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE");
            assertThat(r.getResources()).containsExactlyInAnyOrder("ciliumnetworkpolicies",
                    "ciliumclusterwidenetworkpolicies");
        });
        assertThat(w.getSideEffects()).isEqualTo("None");
        assertThat(w.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(w.getFailurePolicy()).isEqualTo("Fail");
        assertThat(w.getTimeoutSeconds()).isBetween(1, 30);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCertificateServesTheServiceNamesFromTheMountedSecret() {
        GenericKubernetesResource cert = generic("Certificate");
        Map<String, Object> spec = (Map<String, Object>) cert.getAdditionalProperties().get("spec");
        Service svc = one(Service.class);
        String host = svc.getMetadata().getName() + "." + svc.getMetadata().getNamespace() + ".svc";
        assertThat((List<String>) spec.get("dnsNames")).contains(host);
        assertThat(one(ValidatingWebhookConfiguration.class).getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/inject-ca-from", cert.getMetadata().getNamespace() + "/"
                        + cert.getMetadata().getName());
        Map<String, Object> issuerRef = (Map<String, Object>) spec.get("issuerRef");
        assertThat(issuerRef.get("name")).isEqualTo(generic("Issuer").getMetadata().getName());
        Deployment d = one(Deployment.class);
        Volume tls = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow();
        assertThat(tls.getSecret().getSecretName()).isEqualTo(spec.get("secretName"));
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        String mount = c.getVolumeMounts().stream().filter(m -> m.getName().equals(tls.getName())).findFirst()
                .orElseThrow().getMountPath();
        assertThat(c.getArgs()).contains("--tls-cert=" + mount + "/tls.crt", "--tls-key=" + mount + "/tls.key");
    }

    @Test
    void thePodsAreHardenedAndProbed() {
        Deployment d = one(Deployment.class);
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container c = pod.getContainers().get(0);
        assertThat(c.getArgs().get(0)).isEqualTo("webhook");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        // the JVM as the launcher runs the webhook: the serial collector, heap sized to the memory limit
        String jvm = c.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).findFirst()
                .orElseThrow().getValue();
        assertThat(jvm.split(" ")).contains("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        String grace = c.getArgs().stream().filter(a -> a.startsWith("--shutdown-grace-seconds=")).findFirst()
                .orElseThrow();
        assertThat(Long.parseLong(grace.substring(grace.indexOf('=') + 1)))
                .isLessThan(pod.getTerminationGracePeriodSeconds());
    }
}
