#pragma once

// The platform's feature flags: 40 named ones (kill switches, releases,
// experiments, operational toggles) with owners and the journeys they touch,
// then generated ones up to a count (for benchmarks), keys sorted. Each has a
// state per environment (production, staging) and region.

#include "watchfloor/v1/flag.pb.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace wfsim {

struct FlagDefinition {
    std::string key;  // "payments.3ds-v2-flow"
    std::string description;
    watchfloor::v1::FlagKind kind;
    std::string owner;  // a team
    std::vector<std::string> journeys;
};

class FlagCatalog {
public:
    static constexpr int kNamedCount = 40;
    static constexpr int kMaxCount = 5000;
    static constexpr std::array<std::string_view, 2> kEnvironments = {"production", "staging"};

    // `count` in [kNamedCount, kMaxCount].
    explicit FlagCatalog(int count = kNamedCount);

    const std::vector<FlagDefinition>& flags() const { return flags_; }

    static const std::vector<FlagDefinition>& named();
    static bool isNamed(std::string_view key);
    static bool isEnvironment(std::string_view environment);

private:
    std::vector<FlagDefinition> flags_;
};

}  // namespace wfsim
