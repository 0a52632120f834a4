# One image recipe for every service: docker build --build-arg SERVICE=tenant-service .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY schemas schemas
COPY platform platform
COPY test-support test-support
COPY ingress-service ingress-service
COPY tenant-service tenant-service
COPY agent-service agent-service
COPY reservation-service reservation-service
COPY local-stack local-stack
ARG SERVICE
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl ${SERVICE} -am package \
 && cp ${SERVICE}/target/${SERVICE}-*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 sahabot
USER sahabot
COPY --from=build /app.jar /app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app.jar"]
