# sqs-pii-etl as a container image: the lean production jar on a slim JRE, run as a non-root user.
#   docker build -t sqs-pii-etl .
#   docker run --rm sqs-pii-etl --help
# The base images are build arguments, for a mirror or a base of your own; the defaults are the public ones.
# A jar already built on the host (./mvnw -B -q -pl etl -am -DskipTests package) can replace the Maven stage:
#   docker build --build-context jar=etl/target -t sqs-pii-etl .
# .ci/build-image builds this file that way with podman, on a JRE base made with mmdebstrap (README, Where it runs).
ARG BUILD_BASE=eclipse-temurin:17-jdk
ARG RUNTIME_BASE=eclipse-temurin:17-jre-alpine

# Build stage: Maven (through the wrapper) on a JDK; only the etl module and its parent are built,
# but Maven reads every module's pom, so all of them are copied.
FROM ${BUILD_BASE} AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY etl/pom.xml etl/
COPY lambda/pom.xml lambda/
COPY embedded/pom.xml embedded/
COPY benchmarks/pom.xml benchmarks/
# Dependencies first, so that a source change does not download them again.
RUN ./mvnw -B -q -pl etl dependency:go-offline
COPY etl/src/ etl/src/
RUN ./mvnw -B -q -pl etl -DskipTests package

# The jar alone, at the root of a stage of its own: `--build-context jar=DIR` replaces this stage with a
# directory holding sqs-pii-etl.jar, and the build stage is then skipped.
FROM scratch AS jar
COPY --from=build /src/etl/target/sqs-pii-etl.jar /sqs-pii-etl.jar

# Runtime stage: a JRE and the one jar; no Maven, no JDK, no embedded ElasticMQ or PostgreSQL. Its commands
# need only a POSIX sh and java on the PATH, so they run on Alpine (busybox) and Debian (dash) alike.
FROM ${RUNTIME_BASE}
COPY --from=jar /sqs-pii-etl.jar /opt/sqs-pii-etl/sqs-pii-etl.jar
# The JVM options of each command line, shared with bin/sqs-pii-etl (ParallelGC; C1 only for a drain).
COPY bin/jvm-options /opt/sqs-pii-etl/jvm-options
# Class-data sharing (AppCDS): a training start records the classes it loads, and every start maps them
# instead of loading and verifying them again (README, Performance). Nothing answers during the build,
# so the training run reads a keyset, builds its clients, fails to connect and exits 1, as expected.
RUN java -jar /opt/sqs-pii-etl/sqs-pii-etl.jar keys create --out /tmp/training-keyset.json \
 && (java $(/opt/sqs-pii-etl/jvm-options run) -XX:ArchiveClassesAtExit=/opt/sqs-pii-etl/sqs-pii-etl.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
       -jar /opt/sqs-pii-etl/sqs-pii-etl.jar run --until-empty --queue-url http://127.0.0.1:9/000000000000/training \
       --jdbc-url jdbc:postgresql://127.0.0.1:9/training --keyset /tmp/training-keyset.json || true) \
 && rm /tmp/training-keyset.json && chmod 444 /opt/sqs-pii-etl/sqs-pii-etl.jsa
# Any non-root uid works: deploy/deployment.yaml runs as this user with fsGroup 10001, so that it can
# read the keyset secret; docker-compose.yml runs it as the owner of the mounted keyset file.
USER 10001:10001
# Through a shell only to ask jvm-options; exec leaves java as the process that receives SIGTERM.
# JAVA_OPTS come last, so they can override those options.
ENTRYPOINT ["/bin/sh", "-c", "exec java $(/opt/sqs-pii-etl/jvm-options \"$@\") -XX:SharedArchiveFile=/opt/sqs-pii-etl/sqs-pii-etl.jsa -Xlog:cds=off ${JAVA_OPTS:-} -jar /opt/sqs-pii-etl/sqs-pii-etl.jar \"$@\"", "sqs-pii-etl"]
CMD ["--help"]
