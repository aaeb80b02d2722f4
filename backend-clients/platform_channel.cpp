#include "platform_channel.h"

#include "watchfloor/v1/common.pb.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>
#include <QFile>
#include <chrono>

namespace wf {

std::shared_ptr<grpc::Channel> createPlatformChannel(const EndpointConfig& config, QString* error)
{
    if (config.target.trimmed().isEmpty()) {
        *error = QStringLiteral("No platform endpoint is set.");
        return nullptr;
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(config.maxReceiveMessageBytes);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 10000);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5000);
    args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    // Our own backoff drives reconnects; keep gRPC's short so it never hides them.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    std::shared_ptr<grpc::ChannelCredentials> creds;
    if (config.tls) {
        grpc::SslCredentialsOptions opts;
        if (!config.caCertificatePath.isEmpty()) {
            QFile f(config.caCertificatePath);
            if (!f.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("Cannot read the CA certificate %1: %2")
                             .arg(config.caCertificatePath, f.errorString());
                return nullptr;
            }
            opts.pem_root_certs = f.readAll().toStdString();
        }
        if (!config.clientCertificatePath.isEmpty()) {
            QFile cert(config.clientCertificatePath);
            QFile key(config.clientKeyPath);
            if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("Cannot read this console's certificate %1 or its key %2.")
                             .arg(config.clientCertificatePath, config.clientKeyPath);
                return nullptr;
            }
            opts.pem_cert_chain = cert.readAll().toStdString();
            opts.pem_private_key = key.readAll().toStdString();
        }
        creds = grpc::SslCredentials(opts);
    } else {
        creds = grpc::InsecureChannelCredentials();
    }
    return grpc::CreateCustomChannel(config.target.toStdString(), creds, args);
}

void prepareCall(grpc::ClientContext& ctx, const EndpointConfig& config, int deadlineMs)
{
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadlineMs));
    if (!config.token.isEmpty())
        ctx.AddMetadata("authorization", "Bearer " + config.token.toStdString());
}

std::string errorReason(const grpc::Status& status)
{
    watchfloor::v1::ErrorDetail detail;
    if (!status.error_details().empty() && detail.ParseFromString(status.error_details()))
        return detail.reason();
    return {};
}

QString describeStatus(const grpc::Status& status, const EndpointConfig& config)
{
    const QString msg = QString::fromStdString(status.error_message()).left(300);
    const QString where = config.displayName();
    switch (status.error_code()) {
        case grpc::StatusCode::OK: return {};
        case grpc::StatusCode::UNAVAILABLE:
            if (config.tls && (msg.contains(QLatin1String("handshake"), Qt::CaseInsensitive) ||
                               msg.contains(QLatin1String("ssl"), Qt::CaseInsensitive) ||
                               msg.contains(QLatin1String("certificate"), Qt::CaseInsensitive)))
                return QStringLiteral(
                           "The secure connection to %1 was refused: the platform's "
                           "certificate is not signed by a CA this console trusts, is for "
                           "another name than %2, or the platform wants a client certificate "
                           "this console did not give. Nothing was sent. (%3)")
                    .arg(where, config.target.section(QLatin1Char(':'), 0, 0), msg);
            if (config.tls && msg.contains(QLatin1String("Socket closed"), Qt::CaseInsensitive))
                return QStringLiteral(
                           "The platform at %1 closed the secure connection before it was set "
                           "up: it most likely wants a client certificate this console did not "
                           "give (or one signed by another CA). (%2)")
                    .arg(where, msg);
            return QStringLiteral("Cannot reach the platform at %1 (%2).").arg(where, msg);
        case grpc::StatusCode::DEADLINE_EXCEEDED:
            return QStringLiteral("The platform at %1 did not answer in time.").arg(where);
        case grpc::StatusCode::RESOURCE_EXHAUSTED:
            return QStringLiteral(
                       "The platform sent a message larger than the console accepts "
                       "(%1 MB); it was refused. (%2)")
                .arg(config.maxReceiveMessageBytes / (1024 * 1024))
                .arg(msg);
        case grpc::StatusCode::UNAUTHENTICATED:
            return QStringLiteral("The platform did not accept the token: %1").arg(msg);
        case grpc::StatusCode::PERMISSION_DENIED:
            return QStringLiteral("Your role may not do this: %1").arg(msg);
        case grpc::StatusCode::INVALID_ARGUMENT:
            return QStringLiteral("The platform rejected the request: %1").arg(msg);
        case grpc::StatusCode::FAILED_PRECONDITION:
            return QStringLiteral("The platform refused: %1").arg(msg);
        case grpc::StatusCode::CANCELLED: return QStringLiteral("The call was cancelled.");
        default:
            return QStringLiteral("The platform call failed (%1): %2")
                .arg(int(status.error_code()))
                .arg(msg);
    }
}

}  // namespace wf
