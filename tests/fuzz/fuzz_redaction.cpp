// The one redaction (logs, exports, clipboard, audit log) on any text, as
// UTF-8 (invalid sequences included) or as raw UTF-16 (lone surrogates
// included). Properties:
//   - no card-number-like run survives: no maximal run of 13..19 digits (any
//     script's, single space / no-break space / dash / dot between them)
//     that passes Luhn is left in the output;
//   - the console's own secret never survives;
//   - redacting twice changes nothing more.

#include "fuzz_support.h"
#include "redaction.h"

#include <QStringList>

namespace {

const QString kSecret = QStringLiteral("wf-s3cret-Token-9Qz7");

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool once = [] {
        wf::addKnownSecret(kSecret);
        return true;
    }();
    (void)once;
    if (size == 0)
        return 0;
    const bool utf16 = data[0] & 1;
    QString in;
    if (utf16)
        in = QString(reinterpret_cast<const QChar*>(data + 1), qsizetype((size - 1) / 2));
    else
        in = QString::fromUtf8(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    const QString out = wf::redactSecrets(in);
    const QString card = wffuzz::visibleCardNumber(out);
    FUZZ_CHECK(card.isEmpty(), QStringLiteral("card number %1 left in \"%2\"").arg(card, out));
    FUZZ_CHECK(!out.contains(kSecret), QStringLiteral("the secret left in \"%1\"").arg(out));
    const QString again = wf::redactSecrets(out);
    FUZZ_CHECK(again == out,
               QStringLiteral("redacting twice changed \"%1\" into \"%2\"").arg(out, again));
    return 0;
}
