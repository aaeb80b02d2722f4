#include "page_token.h"

#include "error_status.h"

#include <google/protobuf/descriptor.h>
#include <QByteArray>
#include <memory>

namespace wfsim {

namespace {

// FNV-1a, 64 bits, in hex.
std::string hashText(const std::string& bytes)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return QByteArray::number(static_cast<qulonglong>(h), 16).toStdString();
}

}  // namespace

std::string PageToken::filtersOf(const google::protobuf::Message& request)
{
    std::unique_ptr<google::protobuf::Message> copy(request.New());
    copy->CopyFrom(request);
    if (const auto* page = copy->GetDescriptor()->FindFieldByName("page"))
        copy->GetReflection()->ClearField(copy.get(), page);
    return hashText(request.GetTypeName() + '\n' + copy->SerializeAsString());
}

std::string PageToken::encode(const std::string& cursor, const std::string& filters)
{
    const QByteArray text = QByteArray::fromStdString(filters + ':' + cursor);
    return text.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

grpc::Status PageToken::decode(const std::string& token, const std::string& filters,
                               std::string* cursor)
{
    cursor->clear();
    if (token.empty())
        return grpc::Status::OK;
    const QByteArray text =
        QByteArray::fromBase64(QByteArray::fromStdString(token), QByteArray::Base64UrlEncoding);
    const std::string s = text.toStdString();
    const size_t colon = s.find(':');
    if (colon == std::string::npos || s.substr(0, colon) != filters || colon + 1 >= s.size()) {
        return ErrorStatus::make(grpc::StatusCode::INVALID_ARGUMENT,
                                 "page_token is not a token of this list with these filters "
                                 "(repeat the filters unchanged with each page token)",
                                 "INVALID_PAGE_TOKEN", "page.page_token");
    }
    *cursor = s.substr(colon + 1);
    return grpc::Status::OK;
}

grpc::Status PageToken::pageSize(int requested, int defaultSize, int maxSize, int* size)
{
    if (requested < 0) {
        return ErrorStatus::make(
            grpc::StatusCode::INVALID_ARGUMENT,
            "page_size must be >= 0 (0 = the default, " + std::to_string(defaultSize) + ")",
            "INVALID_PAGE_SIZE", "page.page_size");
    }
    *size = requested == 0 ? defaultSize : std::min(requested, maxSize);
    return grpc::Status::OK;
}

}  // namespace wfsim
