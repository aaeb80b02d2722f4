#pragma once

// Converts contract messages into the console's types, validating everything
// that comes from outside: a bad sample is rejected with a reason in words,
// never passed on.

#include "health_types.h"

#include <optional>

namespace watchfloor::v1 {
class HealthSample;
class ListJourneysResponse;
}  // namespace watchfloor::v1

namespace wf {

struct ConversionError {
    QString message;
};

// Fails when the catalog is empty or inconsistent.
std::optional<PlatformCatalog> toCatalog(const watchfloor::v1::ListJourneysResponse& r,
                                         QString* error);

// series is taken from the sample's journey and region unless known (history).
std::optional<HealthSample> toSample(const PlatformCatalog& catalog,
                                     const watchfloor::v1::HealthSample& s, QString* error);
std::optional<HealthPoint> toPoint(const watchfloor::v1::HealthSample& s, QString* error);

// Shortens an identifier from outside for a message (it may be megabytes).
QString quoted(const std::string& s, int maxChars = 40);

}  // namespace wf
