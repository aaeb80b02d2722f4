// The compact row store: every field survives the round trip, replacing a
// row keeps the others, and realistic rows cost under 200 bytes each.
#include "recon_row_store.h"

#include <QtTest>

using namespace wf;

namespace {

Mismatch row(int i)
{
    Mismatch m;
    m.id = QStringLiteral("mm-%1").arg(i, 9, 10, QLatin1Char('0'));
    m.type = MismatchType(1 + i % 9);
    m.rawType = int(m.type);
    m.status = i % 3 ? MismatchStatus::Open : MismatchStatus::PendingApproval;
    m.providerId = i % 2 ? QStringLiteral("payments-acme") : QStringLiteral("payments-globex");
    m.region = QStringList{"us-east", "eu-west", "ap-south"}[i % 3];
    m.orderId = QStringLiteral("ord-7Q2K%1").arg(i, 4, 36, QLatin1Char('0')).toUpper();
    m.providerReference = QStringLiteral("pi_3N8xQ2K9X1D%1").arg(i);
    m.amount = {4210 + i, i % 4 ? QStringLiteral("EUR") : QStringLiteral("JPY")};
    m.detectedMs = 1'700'000'000'000 + i;
    m.assignee = i % 5 ? QString() : QStringLiteral("sam@ops");
    m.version = i;
    m.summary = QStringLiteral("captured 42.10 EUR, order says 41.10 EUR");
    return m;
}

bool same(const Mismatch& a, const Mismatch& b)
{
    return a.id == b.id && a.type == b.type && a.rawType == b.rawType && a.status == b.status &&
           a.providerId == b.providerId && a.region == b.region && a.orderId == b.orderId &&
           a.providerReference == b.providerReference && a.amount == b.amount &&
           a.detectedMs == b.detectedMs && a.assignee == b.assignee && a.version == b.version &&
           a.summary == b.summary && a.pendingApprovalId == b.pendingApprovalId &&
           a.problem == b.problem;
}

}  // namespace

class TestReconRowStore : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        StringTable table;
        RowPage page;
        Mismatch odd = row(7);
        odd.summary = QStringLiteral("Ünïcødé ✓ 日本語");
        odd.problem = QStringLiteral("unknown mismatch type 77");
        odd.type = MismatchType::Unknown;
        odd.rawType = 77;
        odd.pendingApprovalId = QStringLiteral("ap-1");
        page.append(row(1), table);
        page.append(odd, table);
        page.append(row(3), table);
        QCOMPARE(page.size(), 3);
        QVERIFY(same(page.at(0, table), row(1)));
        QVERIFY(same(page.at(1, table), odd));
        QVERIFY(same(page.at(2, table), row(3)));
        QCOMPARE(page.id(1), odd.id);
        QCOMPARE(page.idUtf8(2), row(3).id.toUtf8());

        Mismatch resolved = row(1);
        resolved.status = MismatchStatus::Resolved;
        resolved.assignee = QStringLiteral("kim@ops");
        resolved.version = 99;
        page.replace(0, resolved, table);
        QVERIFY(same(page.at(0, table), resolved));
        QVERIFY(same(page.at(1, table), odd));
    }

    void realisticRowsAreSmall()
    {
        StringTable table;
        RowPage page;
        const int n = 1000;
        page.reserve(n, n * 90);
        for (int i = 0; i < n; ++i)
            page.append(row(i), table);
        const double perRow = double(page.bytes()) / n;
        qInfo("bytes per row: %.1f", perRow);
        QVERIFY2(perRow < 200, qPrintable(QString::number(perRow)));
    }
};

QTEST_GUILESS_MAIN(TestReconRowStore)
#include "tst_recon_row_store.moc"
