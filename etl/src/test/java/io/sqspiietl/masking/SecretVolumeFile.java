package io.sqspiietl.masking;

/**
 * A file of a Kubernetes secret volume, as the kubelet writes it. The file is owned by root and written
 * with the volume's {@code defaultMode}. With the pod's {@code fsGroup} set, the kubelet then gives it to
 * that group and adds group read: a secret volume is read-only, so the kubelet's {@code SetVolumeOwnership}
 * ORs in 0440 rather than 0660. Without {@code fsGroup}, the group stays root's. The pod's containers see
 * it through {@code ..data} symbolic links, which the kubelet's atomic writer swaps on every update.
 *
 * @param defaultMode the secret volume's {@code defaultMode}, e.g. {@code 0400}
 * @param fsGroup     the pod's {@code fsGroup}, or null when it has none
 */
public record SecretVolumeFile(int defaultMode, Integer fsGroup) {
    /** The ownership the container sees. */
    public FileOwnership ownership() {
        return fsGroup == null
                ? new FileOwnership(ProcessIdentity.ROOT, 0, defaultMode)
                : new FileOwnership(ProcessIdentity.ROOT, fsGroup, defaultMode | 0440);
    }
}
