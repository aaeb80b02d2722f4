#pragma once

// Opaque page tokens: a cursor (where the next page starts) bound to the
// request's filters, so a token used with other filters is refused.

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <string>

namespace wfsim {

class PageToken {
public:
    // The request's filters: everything but its "page" field.
    static std::string filtersOf(const google::protobuf::Message& request);
    static std::string encode(const std::string& cursor, const std::string& filters);
    // OK with `*cursor` set (empty for no token), or INVALID_ARGUMENT
    // (INVALID_PAGE_TOKEN, field "page.page_token").
    static grpc::Status decode(const std::string& token, const std::string& filters,
                               std::string* cursor);
    // page_size: 0 = `defaultSize`, above `maxSize` = `maxSize`; negative is
    // INVALID_ARGUMENT.
    static grpc::Status pageSize(int requested, int defaultSize, int maxSize, int* size);

    // What a List request's `page` asks for: how many (see pageSize), from
    // where (see decode), and the request's filters the next token is bound to.
    struct Page {
        int size = 0;
        std::string cursor;
        std::string filters;
    };
    template <class Request>
    static grpc::Status read(const Request& request, int defaultSize, int maxSize, Page* page)
    {
        grpc::Status status =
            pageSize(request.page().page_size(), defaultSize, maxSize, &page->size);
        if (!status.ok())
            return status;
        page->filters = filtersOf(request);
        return decode(request.page().page_token(), page->filters, &page->cursor);
    }
};

}  // namespace wfsim
