// The reconciliation panes with real widgets, offscreen: the detail pane shows
// a hand-built mismatch (difference in red, exactly the applicable actions,
// no card number), and the approvals view keeps people from approving their
// own requests.
#include "approval_list_model.h"
#include "approvals_view.h"
#include "dark_theme.h"
#include "recon_detail_view.h"
#include "record_table_view.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextEdit>
#include <QtTest>

using namespace wf;

namespace {

constexpr qint64 kNow = 1714557600000;  // 2024-05-01 10:00 UTC

MismatchDetail amountMismatch()
{
    MismatchDetail d;
    Mismatch& m = d.mismatch;
    m.id = QStringLiteral("mm-000123456");
    m.type = MismatchType::AmountMismatch;
    m.status = MismatchStatus::Open;
    m.providerId = QStringLiteral("acme-pay");
    m.region = QStringLiteral("eu-west");
    m.orderId = QStringLiteral("ord-88412");
    m.providerReference = QStringLiteral("psp_3f9a0c2d7e1b");
    m.amount = {100, QStringLiteral("EUR")};
    m.detectedMs = kNow - (3 * 60 + 12) * 60000;
    m.version = 7;
    m.summary = QStringLiteral("captured 42.10 EUR, order says 41.10 EUR");
    d.hasOrder = true;
    d.orderId = m.orderId;
    d.orderAmount = {4110, QStringLiteral("EUR")};
    d.orderCreatedMs = kNow - 4 * 3600000;
    d.transactions = {
        {m.providerReference,
         TransactionKind::Authorization,
         {4210, QStringLiteral("EUR")},
         kNow - 4 * 3600000 + 2000,
         QStringLiteral("succeeded"),
         QStringLiteral("4242")},
        {m.providerReference,
         TransactionKind::Capture,
         {4210, QStringLiteral("EUR")},
         kNow - 4 * 3600000 + 9000,
         QStringLiteral("succeeded"),
         QStringLiteral("4242")},
    };
    d.settlement = {{QStringLiteral("stl-2024-05-01-acme"),
                     m.providerReference,
                     {4210, QStringLiteral("EUR")},
                     {122, QStringLiteral("EUR")},
                     {4088, QStringLiteral("EUR")},
                     kNow - 3600000}};
    d.expected = {4110, QStringLiteral("EUR")};
    d.observed = {4210, QStringLiteral("EUR")};
    d.difference = {100, QStringLiteral("EUR")};
    d.applicable = {ResolutionAction::Refund, ResolutionAction::MarkMatched,
                    ResolutionAction::EscalateToProvider};
    d.notes = {{QStringLiteral("alice"),
                QStringLiteral("Customer wrote in; card 4111 1111 1111 1111 per the ticket."),
                kNow - 1800000}};
    return d;
}

// Every piece of text the pane shows.
QString shownText(QWidget* w)
{
    QStringList parts;
    for (QLabel* l : w->findChildren<QLabel*>())
        parts << l->text();
    for (QTextEdit* t : w->findChildren<QTextEdit*>())
        parts << t->toPlainText();
    return parts.join('\n');
}

QStringList offeredActions(ReconDetailView& view)
{
    QStringList names;
    for (QPushButton* b : view.findChildren<QPushButton*>())
        if (b->objectName().startsWith(QStringLiteral("reconAction_")) && b->isVisibleTo(&view))
            names << b->objectName();
    names.sort();
    return names;
}

Approval refundApproval(const QString& id, const QString& by)
{
    Approval a;
    a.id = id;
    a.mismatchId = QStringLiteral("mm-") + id;
    a.action = ResolutionAction::Refund;
    a.amount = {125000, QStringLiteral("EUR")};
    a.requestedBy = by;
    a.reason = QStringLiteral("duplicate capture confirmed with the provider");
    a.requestedMs = kNow - 600000;
    a.state = ApprovalState::Pending;
    return a;
}

}  // namespace

class TestReconPanesGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { applyDarkTheme(*qApp); }

    void detailShowsTheMismatch()
    {
        ReconDetailView view;
        view.resize(420, 900);
        view.setNowMs(kNow);
        view.setMayResolve(true, QStringLiteral("operator"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showLoading(QStringLiteral("mm-000123456"));
        QCOMPARE(view.mismatchId(), QStringLiteral("mm-000123456"));
        QVERIFY(!view.hasDetail());
        view.showDetail(amountMismatch());
        QVERIFY(view.hasDetail());

        QCOMPARE(view.differenceLabel()->text(), QStringLiteral("1.00 EUR"));
        QCOMPARE(view.differenceLabel()->palette().color(QPalette::WindowText),
                 QColor(0xe0, 0x6c, 0x6c));
        const QString text = shownText(&view);
        QVERIFY(text.contains(QStringLiteral("psp_3f9a0c2d7e1b")));
        QVERIFY(text.contains(QStringLiteral("stl-2024-05-01-acme")));
        QVERIFY(text.contains(QStringLiteral("card •••• 4242")));
        QVERIFY(text.contains(QStringLiteral("3 h 12 min")));
        QVERIFY2(!text.contains(QStringLiteral("4111 1111 1111 1111")), qPrintable(text));

        QCOMPARE(offeredActions(view),
                 (QStringList{"reconAction_EscalateToProvider", "reconAction_MarkMatched",
                              "reconAction_Refund"}));
        QPushButton* refund = view.actionButton(ResolutionAction::Refund);
        QVERIFY(refund->isEnabled());
        QVERIFY(refund->toolTip().contains(QStringLiteral("second person")));

        QSignalSpy acted(&view, &ReconDetailView::actionRequested);
        QTest::mouseClick(refund, Qt::LeftButton);
        QCOMPARE(acted.count(), 1);
        QCOMPARE(acted.at(0).at(0).value<MismatchDetail>().mismatch.id,
                 QStringLiteral("mm-000123456"));
        QCOMPARE(acted.at(0).at(1).value<ResolutionAction>(), ResolutionAction::Refund);

        QSignalSpy assigned(&view, &ReconDetailView::assignToMeRequested);
        QTest::mouseClick(view.assignButton(), Qt::LeftButton);
        QCOMPARE(assigned.count(), 1);
        QCOMPARE(assigned.at(0).at(0).value<Mismatch>().version, 7);
    }

    void detailRefusesWhatTheRoleMayNotDo()
    {
        ReconDetailView view;
        view.resize(420, 900);
        view.show();
        view.setMayResolve(false, QStringLiteral("viewer"));
        MismatchDetail d = amountMismatch();
        d.difference = {0, QStringLiteral("EUR")};
        view.showDetail(d);
        QCOMPARE(view.differenceLabel()->palette().color(QPalette::WindowText),
                 QColor(0x8f, 0xd1, 0x9e));
        for (QPushButton* b : {view.actionButton(ResolutionAction::Refund), view.assignButton()}) {
            QVERIFY(!b->isEnabled());
            QCOMPARE(b->toolTip(),
                     QStringLiteral("Your role (viewer) may not resolve mismatches."));
        }
        // A late answer for another mismatch does not replace the one being loaded.
        view.showLoading(QStringLiteral("mm-2"));
        view.showDetail(d);
        QCOMPARE(view.mismatchId(), QStringLiteral("mm-2"));
        QVERIFY(!view.hasDetail());
        view.showError(QStringLiteral("mm-2"), QStringLiteral("MISMATCH_NOT_FOUND"));
        QVERIFY(shownText(&view).contains(QStringLiteral("Could not load mm-2")));
        view.clear();
        QCOMPARE(view.mismatchId(), QString());
    }

    void approvalsKeepTheSecondPersonRule()
    {
        ApprovalListModel model;
        model.setApprovals({refundApproval(QStringLiteral("ap-1"), QStringLiteral("alice")),
                            refundApproval(QStringLiteral("ap-2"), QStringLiteral("bob"))});
        ApprovalsView view(&model);
        view.resize(900, 400);
        view.setThresholds({{50000, QStringLiteral("USD")}, {50000, QStringLiteral("EUR")}});
        view.setSession(QStringLiteral("alice"), true);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.thresholdsLabel()->text(),
                 QStringLiteral("Money-moving actions at or above 500.00 USD, 500.00 EUR need a "
                                "second person."));

        view.selectApproval(QStringLiteral("ap-1"));
        for (QPushButton* b : {view.approveButton(), view.rejectButton()}) {
            QVERIFY(!b->isEnabled());
            QCOMPARE(b->toolTip(),
                     QStringLiteral("You asked for this one; a second person must approve it."));
        }

        view.selectApproval(QStringLiteral("ap-2"));
        QVERIFY(view.approveButton()->isEnabled());
        QVERIFY(view.rejectButton()->isEnabled());
        QSignalSpy decided(&view, &ApprovalsView::decideRequested);
        QTest::mouseClick(view.approveButton(), Qt::LeftButton);
        QCOMPARE(decided.count(), 1);
        QCOMPARE(decided.at(0).at(0).value<Approval>().id, QStringLiteral("ap-2"));
        QCOMPARE(decided.at(0).at(1).toBool(), true);
        QTest::mouseClick(view.rejectButton(), Qt::LeftButton);
        QCOMPARE(decided.at(1).at(1).toBool(), false);

        // Decided: nothing left to decide. A refresh keeps the selection.
        Approval done = refundApproval(QStringLiteral("ap-2"), QStringLiteral("bob"));
        done.state = ApprovalState::Approved;
        done.decidedBy = QStringLiteral("carol");
        model.applyDecision(done);
        QVERIFY(!view.approveButton()->isEnabled());
        model.setApprovals({refundApproval(QStringLiteral("ap-1"), QStringLiteral("alice")), done});
        QCOMPARE(view.selectedApprovalId(), QStringLiteral("ap-2"));

        // Someone whose role may not approve.
        view.setSession(QStringLiteral("dave"), false);
        view.selectApproval(QStringLiteral("ap-1"));
        QVERIFY(!view.approveButton()->isEnabled());
        QVERIFY(view.approveButton()->toolTip().contains(QStringLiteral("payments approver")));

        QSignalSpy refresh(&view, &ApprovalsView::refreshRequested);
        view.findChild<QCheckBox*>(QStringLiteral("showDecided"))->setChecked(true);
        QCOMPARE(refresh.count(), 1);
        QCOMPARE(refresh.at(0).at(0).toBool(), true);
    }
};

QTEST_MAIN(TestReconPanesGui)
#include "tst_recon_panes_gui.moc"
