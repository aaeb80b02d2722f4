#pragma once

// A connection profile: how to reach a platform, as a small JSON file a team
// shares (Import… / Export… in the connection dialog):
//
//   {"watchfloor_profile": 1, "endpoint": "platform.example:443", "tls": true,
//    "ca_certificate": "/etc/watchfloor/ca.pem",
//    "client_certificate": "…", "client_key": "…",
//    "call_deadline_ms": 5000, "history_deadline_ms": 15000,
//    "stream_idle_timeout_ms": 5000, "max_receive_message_mb": 4}
//
// Reading is strict: an unknown key, a wrong type or a value out of range is
// refused with a message that names the key. A profile never carries a
// bearer token: one with a "token" key is refused (tokens stay in memory).

#include "endpoint_config.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace wf {

constexpr qsizetype kMaxProfileBytes = 64 * 1024;

// The profile over `base` (whose token and unset fields it keeps); on a
// refusal, nothing and `*error` in words.
std::optional<EndpointConfig> readConnectionProfile(const QByteArray& json,
                                                    const EndpointConfig& base, QString* error);
// Everything but the token.
QByteArray writeConnectionProfile(const EndpointConfig& config);
// "host:port" as the console accepts it.
bool isValidEndpoint(const QString& target);

}  // namespace wf
