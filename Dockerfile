# astra shell in a container.
#   docker build -t astra-shell .
#   docker run -it --rm -v astra:/data astra-shell --env local    (the prompt on the sandbox)
#   docker run -it --rm -v astra:/data astra-shell setup          (a profile, kept in the volume)
#   docker run --rm -v astra:/data astra-shell user list           (one command, with that profile)
# Profiles (~/.astrarc), history and the sandbox (~/.astra) live under HOME=/data, the volume.

# 1. build the jar. The dependencies come first, in a layer of their own, so that a change of the
#    sources does not download them again.
FROM maven:3.9.11-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -q -B dependency:go-offline
COPY application.yml ./
COPY src ./src
RUN mvn -q -B -DskipTests package

# 2. run it through the launcher as a user of its own. The class archives (one-shot commands, the
#    prompt) are made here, once, at build time: a command for the one, an empty script on standard
#    input for the other (LauncherInstallIT runs these very commands the same way).
FROM eclipse-temurin:25.0.3_9-jre
RUN useradd --system --uid 10001 --user-group --home-dir /data --create-home --shell /usr/sbin/nologin astra
WORKDIR /opt/astra-shell
COPY --chown=astra:astra astra application.yml ./
COPY --from=build --chown=astra:astra /src/target/astra-shell.jar target/astra-shell.jar
USER astra
ENV HOME=/data
RUN ./astra version && ./astra </dev/null
VOLUME /data
ENTRYPOINT ["/opt/astra-shell/astra"]
