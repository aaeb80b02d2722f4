// Imported settings: a connection profile file (Import… in the connection
// dialog), any bytes. Properties: refused with words, or accepted with every
// value in range and the token untouched; what is accepted writes out (with no
// token) and reads back to the same settings.

#include "connection_profile.h"
#include "fuzz_support.h"

namespace {

bool same(const wf::EndpointConfig& a, const wf::EndpointConfig& b)
{
    return a.target == b.target && a.tls == b.tls && a.caCertificatePath == b.caCertificatePath &&
           a.clientCertificatePath == b.clientCertificatePath &&
           a.clientKeyPath == b.clientKeyPath && a.token == b.token &&
           a.callDeadlineMs == b.callDeadlineMs && a.historyDeadlineMs == b.historyDeadlineMs &&
           a.streamIdleTimeoutMs == b.streamIdleTimeoutMs &&
           a.maxReceiveMessageBytes == b.maxReceiveMessageBytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    wf::EndpointConfig base;
    base.target = QStringLiteral("127.0.0.1:50051");
    base.token = QStringLiteral("wf-profile-Token-5xY");
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const std::optional<wf::EndpointConfig> c = wf::readConnectionProfile(json, base, &error);
    if (!c) {
        FUZZ_CHECK(!error.isEmpty(), QStringLiteral("refused without saying why"));
        return 0;
    }
    FUZZ_CHECK(c->token == base.token, QStringLiteral("a profile changed the token"));
    FUZZ_CHECK(wf::isValidEndpoint(c->target), QStringLiteral("endpoint %1").arg(c->target));
    FUZZ_CHECK(c->callDeadlineMs >= 200 && c->historyDeadlineMs >= 1000 &&
                   c->streamIdleTimeoutMs >= 1000 && c->maxReceiveMessageBytes >= 1024 * 1024,
               QStringLiteral("a deadline or size out of range"));
    const QByteArray written = wf::writeConnectionProfile(*c);
    FUZZ_CHECK(!written.contains(base.token.toUtf8()), QStringLiteral("the token was written"));
    wf::EndpointConfig other = base;
    other.target = QStringLiteral("10.0.0.1:1");
    other.callDeadlineMs = 777;
    const std::optional<wf::EndpointConfig> again =
        wf::readConnectionProfile(written, other, &error);
    FUZZ_CHECK(again.has_value(), QStringLiteral("what was written is refused: %1").arg(error));
    FUZZ_CHECK(
        same(*again, *c),
        QStringLiteral("the profile changed on a round trip: %1").arg(QString::fromUtf8(written)));
    return 0;
}
