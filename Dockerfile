# sqs-pii-etl as a container image: the lean production jar on a slim JRE, run as a non-root user.
#   docker build -t sqs-pii-etl .
#   docker run --rm sqs-pii-etl --help
# Build stage: Maven (through the wrapper) on a JDK; only the etl module and its parent are built,
# but Maven reads every module's pom, so all of them are copied.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY etl/pom.xml etl/
COPY embedded/pom.xml embedded/
COPY benchmarks/pom.xml benchmarks/
# Dependencies first, so that a source change does not download them again.
RUN ./mvnw -B -q -pl etl dependency:go-offline
COPY etl/src/ etl/src/
RUN ./mvnw -B -q -pl etl -DskipTests package

# Runtime stage: a JRE and the one jar; no Maven, no JDK, no embedded ElasticMQ or PostgreSQL.
FROM eclipse-temurin:17-jre-alpine
COPY --from=build /src/etl/target/sqs-pii-etl.jar /opt/sqs-pii-etl/sqs-pii-etl.jar
# Any non-root uid works; docker-compose.yml runs it as the owner of the mounted keyset file.
USER 10001:10001
# ParallelGC, not the G1 the JVM picks with 2 CPUs: a queue consumer wants throughput, not short
# pauses, and it cost the loader less CPU per message in the bench (README, Performance).
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-jar", "/opt/sqs-pii-etl/sqs-pii-etl.jar"]
CMD ["--help"]
