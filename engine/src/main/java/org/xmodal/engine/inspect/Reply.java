package org.xmodal.engine.inspect;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the inspection process answers to a {@link Question}, written as JSON with its kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EngineDescription.Result.class, name = "engine"),
        @JsonSubTypes.Type(value = FeatureMaps.Result.class, name = "featureMaps"),
        @JsonSubTypes.Type(value = NetworkFeatures.Result.class, name = "networkFeatures"),
        @JsonSubTypes.Type(value = RandomFilters.Result.class, name = "randomFilters"),
        @JsonSubTypes.Type(value = Microscope.Opened.class, name = "microscopeOpened"),
        @JsonSubTypes.Type(value = Microscope.Stepped.class, name = "microscopeStepped"),
        @JsonSubTypes.Type(value = Microscope.Closed.class, name = "microscopeClosed")})
public interface Reply {
}
