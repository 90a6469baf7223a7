package org.xmodal.engine.inspect;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A request to the inspection process ({@link InspectionServer}), written as JSON with its kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EngineDescription.Request.class, name = "engine"),
        @JsonSubTypes.Type(value = FeatureMaps.Request.class, name = "featureMaps"),
        @JsonSubTypes.Type(value = NetworkFeatures.Request.class, name = "networkFeatures"),
        @JsonSubTypes.Type(value = RandomFilters.Request.class, name = "randomFilters"),
        @JsonSubTypes.Type(value = Microscope.Open.class, name = "microscopeOpen"),
        @JsonSubTypes.Type(value = Microscope.TakeStep.class, name = "microscopeStep"),
        @JsonSubTypes.Type(value = Microscope.Close.class, name = "microscopeClose")})
public interface Question {
}
