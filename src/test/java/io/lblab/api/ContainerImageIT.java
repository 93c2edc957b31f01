package io.lblab.api;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.lblab.localkube.ContainerImage;
import io.lblab.localkube.PackagedJar;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's image as far as it can be checked without a container engine or a registry (none on these
 * machines): {@code src/main/docker/Dockerfile.jvm} against what {@code package} leaves in {@code target/quarkus-app/},
 * against {@code deploy/} (image name, user, JVM options), and the Jib build of pom.xml's container-image profile
 * against the Dockerfile, so that both ways give the same image. The image itself is not built here.
 */
class ContainerImageIT {

    private static final ContainerImage IMAGE = ContainerImage.read();

    @Test
    void theDockerfileCopiesThePackagedApplicationAndRunsIt() throws IOException {
        Path app = PackagedJar.JAR.getParent();
        assertThat(IMAGE.copies()).isNotEmpty();
        List<Path> copied = new ArrayList<>();
        for (ContainerImage.Copy copy : IMAGE.copies()) {
            assertThat(copy.source()).as("COPY sources come from the build's output").startsWith(app + "/");
            List<Path> matched = matching(copy.source());
            assertThat(matched).as("COPY " + copy.source() + " matches files after ./mvnw package").isNotEmpty();
            copied.addAll(matched);
        }
        try (Stream<Path> top = Files.list(app)) {
            assertThat(top.filter(p -> !p.getFileName().toString().equals("quarkus-app-dependencies.txt")))
                    .as("every part of the fast-jar layout is in the image").allSatisfy(p -> assertThat(copied).contains(p));
        }
        assertThat(IMAGE.entrypoint()).startsWith("java").endsWith("-jar", "/deployments/quarkus-run.jar");
        assertThat(Path.of(IMAGE.toLocal("/deployments/quarkus-run.jar"))).as("the entrypoint's jar is the packaged one")
                .isEqualTo(PackagedJar.JAR.toAbsolutePath());
        assertThat(IMAGE.workdir()).isEqualTo("/deployments");
    }

    @Test
    void theImageMatchesDeploy() throws IOException {
        Deployment deployment = DeployManifestsTest.K8S.convertValue(
                DeployManifestsTest.readAll(Path.of("deploy", "40-deployment.yaml")).get(0), Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        String jibImage = properties.getProperty("quarkus.container-image.registry") + "/" + properties.getProperty("quarkus.container-image.group")
                + "/" + properties.getProperty("quarkus.container-image.name") + ":" + properties.getProperty("quarkus.container-image.tag");
        assertThat(jibImage).as("the image the Jib build names").isEqualTo(container.getImage());
        assertThat(properties.getProperty("quarkus.container-image.build")).as("no image in a plain build").isEqualTo("false");
        assertThat(properties.getProperty("quarkus.container-image.push")).isEqualTo("false");

        long runAsUser = container.getSecurityContext().getRunAsUser();
        assertThat(IMAGE.user()).as("USER of Dockerfile.jvm").isEqualTo(Long.toString(runAsUser))
                .isEqualTo(Long.toString(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()));
        Map<String, String> env = new HashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        assertThat(IMAGE.env()).as("the image's default JVM options are deploy/'s").containsEntry("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void jibBuildsTheImageOfTheDockerfile() throws Exception {
        Element profile = containerImageProfile();
        assertThat(text(profile, "activation/property/name")).as("activated by -Dquarkus.container-image.build=...")
                .isEqualTo("quarkus.container-image.build");
        Element props = child(profile, "properties");
        assertThat(text(props, "quarkus.jib.base-jvm-image")).isEqualTo(IMAGE.from());
        assertThat(text(props, "quarkus.jib.user")).isEqualTo(IMAGE.user());
        assertThat(text(props, "quarkus.jib.working-directory")).isEqualTo(IMAGE.workdir());
        assertThat(Arrays.asList(text(props, "quarkus.jib.jvm-entrypoint").split(","))).isEqualTo(IMAGE.entrypoint());
        Map<String, String> jibEnv = new HashMap<>();
        NodeList children = props.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e && e.getTagName().startsWith("quarkus.jib.environment-variables.")) {
                jibEnv.put(e.getTagName().substring("quarkus.jib.environment-variables.".length()), e.getTextContent().trim());
            }
        }
        assertThat(jibEnv).isEqualTo(IMAGE.env());
    }

    @Test
    void theHeapIsAShareOfTheContainerLimit() throws Exception {
        // the entrypoint's JVM flags plus deploy/'s JAVA_TOOL_OPTIONS, as the JVM in the container sees them
        List<String> command = new ArrayList<>(IMAGE.localEntrypoint().subList(0, IMAGE.entrypoint().indexOf("-jar")));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_TOOL_OPTIONS", IMAGE.env().get("JAVA_TOOL_OPTIONS"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).containsPattern("double MaxRAMPercentage\\s+= 60\\.0+ ").containsPattern("bool ExitOnOutOfMemoryError\\s+= true ")
                .containsPattern("bool UseContainerSupport\\s+= true ")
                .as("C1 only: the operator waits on I/O, C2 costs more CPU than it saves").containsPattern("intx TieredStopAtLevel\\s+= 1 ");
    }

    private static List<Path> matching(String source) throws IOException {
        String trimmed = source.replaceFirst("/$", "");
        if (!trimmed.contains("*")) {
            return Files.exists(Path.of(trimmed)) && (!Files.isDirectory(Path.of(trimmed)) || notEmpty(Path.of(trimmed)))
                    ? List.of(Path.of(trimmed)) : List.of();
        }
        Path dir = Path.of(trimmed).getParent();
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + trimmed);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(glob::matches).toList();
        }
    }

    private static boolean notEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    private static Element containerImageProfile() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getDocumentElement();
        NodeList profiles = child(project, "profiles").getElementsByTagName("profile");
        TreeSet<String> ids = new TreeSet<>();
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            ids.add(text(profile, "id"));
            if ("container-image".equals(text(profile, "id"))) {
                return profile;
            }
        }
        throw new AssertionError("no profile container-image in pom.xml, only " + ids);
    }

    private static Element child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String path) {
        Element e = parent;
        for (String name : path.split("/")) {
            e = child(e, name);
        }
        return e.getTextContent().trim();
    }
}
