package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.KeysetAccessRule.Verdict;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyset access rule on every owner, group and mode combination that matters, as plain numbers, so that
 * root-owned and foreign-owned files are judged without being root. {@link KeysetAccessRuleFilesTest} reads
 * the same facts from real files.
 */
class KeysetAccessRuleTest {
    private static final int POD_USER = 10001;
    private static final int POD_GROUP = 10001;
    /** runAsUser 10001, runAsGroup 10001, fsGroup 10001: the shipped Deployment (DeployManifestsTest). */
    private static final ProcessIdentity POD = new ProcessIdentity(POD_USER, Set.of(POD_GROUP));
    private static final ProcessIdentity ROOT = new ProcessIdentity(0, Set.of(0));
    private static final int ANOTHER_USER = 1000;

    static Stream<Arguments> kubernetesSecretVolumes() {
        return Stream.of(
                // fsGroup: root-owned, the pod's group, group read added to defaultMode.
                secret("fsGroup, defaultMode 0400 (the shipped Deployment): 0440 root:10001", 0400, POD_GROUP, POD, Verdict.ACCEPTED),
                secret("fsGroup, defaultMode 0440: 0440 root:10001", 0440, POD_GROUP, POD, Verdict.ACCEPTED),
                secret("fsGroup, defaultMode 0600: 0640 root:10001", 0600, POD_GROUP, POD, Verdict.ACCEPTED),
                secret("fsGroup 2000 as a supplementary group of uid 1000, gid 3000", 0400, 2000,
                        new ProcessIdentity(1000, Set.of(3000, 2000)), Verdict.ACCEPTED),
                secret("fsGroup, a root container", 0400, POD_GROUP, new ProcessIdentity(0, Set.of(0, POD_GROUP)), Verdict.ACCEPTED),
                secret("fsGroup of a group this process is not in", 0400, 20002, POD, Verdict.READABLE_BY_A_GROUP_OF_OTHERS),
                secret("fsGroup with Kubernetes' own default mode 0644", 0644, POD_GROUP, POD, Verdict.OPEN_TO_OTHER_USERS),
                secret("fsGroup, defaultMode 0660", 0660, POD_GROUP, POD, Verdict.WRITABLE_BY_GROUP),
                // No fsGroup: root:root, defaultMode as it is.
                secret("no fsGroup, defaultMode 0400, non-root: 0400 root:root", 0400, null, POD, Verdict.READABLE_ONLY_BY_ROOT),
                secret("no fsGroup, defaultMode 0440, non-root: 0440 root:root", 0440, null, POD, Verdict.READABLE_BY_A_GROUP_OF_OTHERS),
                secret("no fsGroup, defaultMode 0440, runAsGroup 0", 0440, null, new ProcessIdentity(POD_USER, Set.of(0)), Verdict.ACCEPTED),
                secret("no fsGroup, defaultMode 0400, a root container", 0400, null, ROOT, Verdict.ACCEPTED),
                secret("no fsGroup, defaultMode 0444", 0444, null, ROOT, Verdict.OPEN_TO_OTHER_USERS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void kubernetesSecretVolumes(String layout, SecretVolumeFile file, ProcessIdentity process, Verdict expected) {
        assertThat(KeysetAccessRule.judge(file.ownership(), process)).isEqualTo(expected);
    }

    static Stream<Arguments> filesOnAHost() {
        return Stream.of(
                file("own, 0600 (keys create)", POD_USER, POD_GROUP, 0600, POD, Verdict.ACCEPTED),
                file("own, 0400", POD_USER, POD_GROUP, 0400, POD, Verdict.ACCEPTED),
                file("own, 0640", POD_USER, POD_GROUP, 0640, POD, Verdict.OWN_FILE_READABLE_BY_GROUP),
                file("own, 0604", POD_USER, POD_GROUP, 0604, POD, Verdict.OPEN_TO_OTHER_USERS),
                file("own, 0601: any access for others", POD_USER, POD_GROUP, 0601, POD, Verdict.OPEN_TO_OTHER_USERS),
                file("own, 0620", POD_USER, POD_GROUP, 0620, POD, Verdict.WRITABLE_BY_GROUP),
                file("0444 root:root", 0, 0, 0444, POD, Verdict.OPEN_TO_OTHER_USERS),
                file("0460 root:10001", 0, POD_GROUP, 0460, POD, Verdict.WRITABLE_BY_GROUP),
                file("0640 of another non-root user, group shared", ANOTHER_USER, POD_GROUP, 0640, POD, Verdict.OWNED_BY_ANOTHER_USER),
                file("0600 of another non-root user, read as root", ANOTHER_USER, ANOTHER_USER, 0600, ROOT, Verdict.OWNED_BY_ANOTHER_USER),
                file("0600 root:root, read as root", 0, 0, 0600, ROOT, Verdict.ACCEPTED),
                file("0440 root:adm, read as root", 0, 4, 0440, ROOT, Verdict.READABLE_BY_A_GROUP_OF_OTHERS),
                file("0400 root:root with unknown groups (off Linux), read as root", 0, 0, 0400,
                        new ProcessIdentity(0, Set.of()), Verdict.ACCEPTED),
                file("0440 root:10001 with unknown groups (off Linux)", 0, POD_GROUP, 0440,
                        new ProcessIdentity(POD_USER, Set.of()), Verdict.READABLE_BY_A_GROUP_OF_OTHERS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void filesOnAHost(String layout, FileOwnership file, ProcessIdentity process, Verdict expected) {
        assertThat(KeysetAccessRule.judge(file, process)).isEqualTo(expected);
    }

    private static Arguments secret(String layout, int defaultMode, Integer fsGroup, ProcessIdentity process, Verdict expected) {
        return Arguments.of(layout, new SecretVolumeFile(defaultMode, fsGroup), process, expected);
    }

    private static Arguments file(String layout, int uid, int gid, int mode, ProcessIdentity process, Verdict expected) {
        return Arguments.of(layout, new FileOwnership(uid, gid, mode), process, expected);
    }
}
