# astra shell in a container.
#   docker build -t astra-shell .
#   docker run -it --rm -v astra-home:/data astra-shell --env local      (the prompt on the sandbox)
#   docker run --rm -e ASTRA_DB_APPLICATION_TOKEN astra-shell org        (one command on PROD)

# 1. build the jar, with the command the ./astra launcher runs on first use
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml application.yml ./
COPY src ./src
RUN mvn -q -B -DskipTests package

# 2. run it through the launcher, whose class archives (one-shot commands, the prompt) are made here
#    once: a command for the one, an empty script on standard input for the other
FROM eclipse-temurin:25-jre
WORKDIR /opt/astra-shell
COPY astra application.yml ./
COPY --from=build /src/target/astra-shell.jar target/astra-shell.jar
ENV ASTRA_HOME=/data
RUN mkdir -p /data && ./astra version && ./astra </dev/null
VOLUME /data
ENTRYPOINT ["/opt/astra-shell/astra"]
