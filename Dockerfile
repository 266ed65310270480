# astra shell in a container, from the release archive: the archive's own Java runtime and class
# archives on a small Debian base; no JDK and no Maven in the image.
#   mvn -B -Prelease -DskipTests package       (writes target/release/; needs a JDK 25)
#   docker build -t astra-shell .
#   docker run -it --rm -v astra:/data astra-shell --env local    (the prompt on the sandbox)
#   docker run -it --rm -v astra:/data astra-shell setup          (a profile, kept in the volume)
#   docker run --rm -v astra:/data astra-shell user list           (one command, with that profile)
# Profiles (~/.astrarc), history and the sandbox (~/.astra) live under HOME=/data, the volume. The
# install is root's and read-only to the shell's user; its class archives match its runtime, so a
# start makes nothing (ReleaseIT runs the release that way: read-only, another user, HOME apart).
FROM debian:bookworm-slim
# ADD unpacks a local .tar.gz: /opt/astra-shell-VERSION, owned by root (target/release must hold
# one version only)
ADD target/release/astra-shell-*-linux-x64.tar.gz /opt/
RUN ln -s /opt/astra-shell-* /opt/astra-shell \
 && useradd --system --uid 10001 --user-group --home-dir /data --create-home --shell /usr/sbin/nologin astra
USER astra
ENV HOME=/data
VOLUME /data
WORKDIR /data
ENTRYPOINT ["/opt/astra-shell/astra"]
