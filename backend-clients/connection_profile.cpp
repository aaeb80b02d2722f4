#include "connection_profile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace wf {

namespace {

constexpr int kMaxPathChars = 4096;

struct Limits {
    const char* key;
    int EndpointConfig::*field;
    int min;
    int max;
    int scale;  // the file's unit in the field's: 1 ms, 1 MiB = 1048576 bytes
};

const Limits kNumbers[] = {
    {"call_deadline_ms", &EndpointConfig::callDeadlineMs, 200, 120'000, 1},
    {"history_deadline_ms", &EndpointConfig::historyDeadlineMs, 1'000, 600'000, 1},
    {"stream_idle_timeout_ms", &EndpointConfig::streamIdleTimeoutMs, 1'000, 120'000, 1},
    {"max_receive_message_mb", &EndpointConfig::maxReceiveMessageBytes, 1, 256, 1024 * 1024},
};

const char* const kPaths[] = {"ca_certificate", "client_certificate", "client_key"};

QString EndpointConfig::*pathField(const QString& key)
{
    if (key == QLatin1String("ca_certificate"))
        return &EndpointConfig::caCertificatePath;
    if (key == QLatin1String("client_certificate"))
        return &EndpointConfig::clientCertificatePath;
    return &EndpointConfig::clientKeyPath;
}

}  // namespace

bool isValidEndpoint(const QString& target)
{
    static const QRegularExpression hostPort(
        QStringLiteral("^(?:[A-Za-z0-9.\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]):([0-9]{1,5})$"));
    const QRegularExpressionMatch m = hostPort.match(target);
    if (!m.hasMatch())
        return false;
    const int port = m.captured(1).toInt();
    return port >= 1 && port <= 65535;
}

std::optional<EndpointConfig> readConnectionProfile(const QByteArray& json,
                                                    const EndpointConfig& base, QString* error)
{
    const auto refuse = [error](const QString& why) {
        *error = why;
        return std::nullopt;
    };
    if (json.size() > kMaxProfileBytes)
        return refuse(QStringLiteral("This file is %1 KiB; a connection profile is at most %2 KiB.")
                          .arg(json.size() / 1024)
                          .arg(kMaxProfileBytes / 1024));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(QStringLiteral("This is not a connection profile: the JSON is broken at "
                                     "character %1 (%2).")
                          .arg(parseError.offset)
                          .arg(parseError.errorString()));
    if (!doc.isObject())
        return refuse(QStringLiteral("This is not a connection profile: it is not a JSON object."));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("watchfloor_profile")).toInt(-1) != 1)
        return refuse(
            QStringLiteral("This is not a Watchfloor connection profile (\"watchfloor_profile\": 1 "
                           "is missing)."));
    for (const QString& secret :
         {QStringLiteral("token"), QStringLiteral("bearer_token"), QStringLiteral("password")}) {
        if (o.contains(secret))
            return refuse(QStringLiteral("This profile holds a \"%1\": profiles never carry "
                                         "secrets. Remove it, and give the token in the dialog, "
                                         "with --token-file or in $WATCHFLOOR_TOKEN.")
                              .arg(secret));
    }
    QSet<QString> known{QStringLiteral("watchfloor_profile"), QStringLiteral("endpoint"),
                        QStringLiteral("tls")};
    for (const char* k : kPaths)
        known.insert(QLatin1String(k));
    for (const Limits& l : kNumbers)
        known.insert(QLatin1String(l.key));
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return refuse(
                QStringLiteral("Unknown setting \"%1\" in the profile.").arg(it.key().left(80)));

    EndpointConfig c = base;
    if (o.contains(QStringLiteral("endpoint"))) {
        const QJsonValue v = o.value(QStringLiteral("endpoint"));
        if (!v.isString() || !isValidEndpoint(v.toString()))
            return refuse(
                QStringLiteral("\"endpoint\" must be host:port, for example "
                               "platform.example:443."));
        c.target = v.toString();
    }
    if (o.contains(QStringLiteral("tls"))) {
        const QJsonValue v = o.value(QStringLiteral("tls"));
        if (!v.isBool())
            return refuse(QStringLiteral("\"tls\" must be true or false."));
        c.tls = v.toBool();
    }
    for (const char* key : kPaths) {
        const QString k = QLatin1String(key);
        if (!o.contains(k))
            continue;
        const QJsonValue v = o.value(k);
        const QString path = v.toString();
        if (!v.isString() || path.size() > kMaxPathChars || path.contains(QChar(0)))
            return refuse(QStringLiteral("\"%1\" must be a file path (at most %2 characters).")
                              .arg(k)
                              .arg(kMaxPathChars));
        c.*pathField(k) = path;
    }
    for (const Limits& l : kNumbers) {
        const QString k = QLatin1String(l.key);
        if (!o.contains(k))
            continue;
        const QJsonValue v = o.value(k);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || !(d >= l.min && d <= l.max) || d != std::floor(d))
            return refuse(QStringLiteral("\"%1\" must be a whole number from %2 to %3.")
                              .arg(k)
                              .arg(l.min)
                              .arg(l.max));
        c.*l.field = int(d) * l.scale;
    }
    if (!c.tls && !(c.clientCertificatePath.isEmpty() && c.clientKeyPath.isEmpty()))
        return refuse(QStringLiteral("A client certificate needs TLS: set \"tls\": true."));
    if (c.clientCertificatePath.isEmpty() != c.clientKeyPath.isEmpty())
        return refuse(
            QStringLiteral("Give both \"client_certificate\" and \"client_key\", or "
                           "neither."));
    return c;
}

QByteArray writeConnectionProfile(const EndpointConfig& c)
{
    QJsonObject o;
    o.insert(QStringLiteral("watchfloor_profile"), 1);
    o.insert(QStringLiteral("endpoint"), c.target);
    o.insert(QStringLiteral("tls"), c.tls);
    for (const char* key : kPaths) {
        const QString& path = c.*pathField(QLatin1String(key));
        if (!path.isEmpty())
            o.insert(QLatin1String(key), path);
    }
    for (const Limits& l : kNumbers)
        o.insert(QLatin1String(l.key), (c.*l.field) / l.scale);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

}  // namespace wf
