<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BackgroundOp</name>
    <message>
        <source>Something went wrong: %1</source>
        <extracomment>Ops started and not yet delivered (keeps their relays alive until the GUI thread has seen them).</extracomment>
        <translation>Etwas ist schiefgegangen: %1</translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <source>Loading the model again with a context of %1 tokens for this chat…</source>
        <translation>Das Modell wird für diesen Chat mit einem Kontext von %1 Token neu geladen…</translation>
    </message>
    <message>
        <source>This server keeps its own context size: the chat&apos;s context setting applies to local models only.</source>
        <translation>Dieser Server behält seine eigene Kontextgröße: Die Kontext-Einstellung des Chats gilt nur für lokale Modelle.</translation>
    </message>
    <message>
        <source>The chat settings could not be saved: %1</source>
        <translation>Die Einstellungen des Chats konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The message could not be saved: %1</source>
        <extracomment>A session operation: (store, model name, sampling) -&gt; the reply to generate. How long quitting waits for the engine thread, before and after killing the engine. Finished replies whose final save failed (disk full…), by version id: shown and exported from here until :meth:`retry_saves` gets them onto the disk.</extracomment>
        <translation>Die Nachricht konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>This server decides when its model stops thinking: &apos;think longer&apos; and checking the answer apply to local models only.</source>
        <translation>Dieser Server entscheidet selbst, wann sein Modell aufhört zu denken: „Länger denken“ und das Prüfen der Antwort gelten nur für lokale Modelle.</translation>
    </message>
    <message>
        <source>The thinking budget was reached, but this server does not continue a reply it is given (an assistant prefill; llama-server does), so it could not be asked for the answer: the reply ends in its thinking.</source>
        <translation>Das Denkbudget war erreicht, aber dieser Server setzt keine vorgegebene Antwort fort (einen Assistant-Prefill; llama-server kann das), daher konnte er nicht nach der Antwort gefragt werden: Die Antwort endet in ihrem Nachdenken.</translation>
    </message>
</context>
<context>
    <name>ChatSettingsDrawer</name>
    <message>
        <source>Context size (tokens)</source>
        <translation>Kontextgröße (Token)</translation>
    </message>
    <message>
        <source>How much of the conversation the model holds, in tokens. A local model is loaded again with this size before this chat&apos;s next reply; a server keeps its own.</source>
        <translation>Wie viel vom Gespräch das Modell fasst, in Token. Ein lokales Modell wird vor der nächsten Antwort dieses Chats mit dieser Größe neu geladen; ein Server behält seine eigene.</translation>
    </message>
    <message>
        <source>This server keeps its own context size: this setting applies to local models only.</source>
        <translation>Dieser Server behält seine eigene Kontextgröße: Diese Einstellung gilt nur für lokale Modelle.</translation>
    </message>
    <message>
        <source>Off by default: DeepSeek advises no system prompt for R1 models; put instructions in your question.</source>
        <translation>Standardmäßig aus: DeepSeek rät bei R1-Modellen von einem Systemprompt ab; schreib Anweisungen in deine Frage.</translation>
    </message>
    <message>
        <source>Temperature (R1: 0.6)</source>
        <translation>Temperatur (R1: 0,6)</translation>
    </message>
    <message>
        <source>Think longer (times)</source>
        <translation>Länger denken (Mal)</translation>
    </message>
    <message>
        <source>Thinking budget (tokens)</source>
        <translation>Denkbudget (Token)</translation>
    </message>
    <message>
        <source>Top-p (R1: 0.95)</source>
        <translation>Top-p (R1: 0,95)</translation>
    </message>
    <message>
        <source>Use a system prompt</source>
        <extracomment>The drawer&apos;s width at most: its fields, labels above them, need no more.</extracomment>
        <translation>Systemprompt verwenden</translation>
    </message>
    <message>
        <source>Use the Preferences</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>When the model ends its thinking, make it go on this many times</source>
        <translation>Wenn das Modell sein Denken beendet, so oft weiterdenken lassen</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>Check the answer every (sentences)</source>
        <translation>Antwort prüfen alle (Sätze)</translation>
    </message>
    <message>
        <source>While the model thinks, ask every N sentences what it would answer now, and mark in the reasoning map where the answer stopped changing (local models; each check costs a short side answer)</source>
        <translation>Während das Modell denkt, alle N Sätze fragen, was es jetzt antworten würde, und in der Denkkarte markieren, wo sich die Antwort nicht mehr änderte (lokale Modelle; jede Prüfung kostet eine kurze Nebenantwort)</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Ask something</source>
        <extracomment>Messages shown at once; &quot;show earlier&quot; adds this many more. One style sheet for all cards (set once on the chat, not per card: parsing a style sheet per widget made long conversations slow to open).</extracomment>
        <translation>Frag etwas</translation>
    </message>
    <message>
        <source>Type below and press Ctrl+Enter. The model&apos;s reasoning appears in the trace panel on the right while it thinks.</source>
        <translation>Schreib unten und drück Strg+Enter. Das Denken des Modells erscheint rechts im Denkspur-Bereich, während es nachdenkt.</translation>
    </message>
    <message>
        <source>No model loaded yet</source>
        <translation>Noch kein Modell geladen</translation>
    </message>
    <message>
        <source>Denkspur runs DeepSeek-R1 distills on this computer, offline. Download one from the catalog, or open a GGUF file you already have.</source>
        <translation>Denkspur führt DeepSeek-R1-Distillate auf diesem Rechner aus, offline. Lade eines aus dem Katalog oder öffne eine GGUF-Datei, die du schon hast.</translation>
    </message>
    <message>
        <source>Recommended for this machine: %1</source>
        <translation>Empfohlen für diesen Rechner: %1</translation>
    </message>
    <message>
        <source>Show earlier messages (%1)</source>
        <translation>Frühere Nachrichten zeigen (%1)</translation>
    </message>
    <message>
        <source>Regenerate (keeps this version)</source>
        <translation>Neu erzeugen (diese Version bleibt erhalten)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>Antwort kopieren</translation>
    </message>
    <message>
        <source>Copy trace</source>
        <translation>Denkspur kopieren</translation>
    </message>
    <message>
        <source>Copy the reasoning trace</source>
        <translation>Die Denkspur kopieren</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <source>The engine failed.</source>
        <translation>Die Engine ist ausgefallen.</translation>
    </message>
    <message>
        <source>Restart engine</source>
        <translation>Engine neu starten</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>New text (the old text and the replies after it stay: ◀ ▶ switches back):</source>
        <translation>Neuer Text (der alte Text und die Antworten danach bleiben erhalten: mit ◀ ▶ zurückwechseln):</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Go on from where it stopped (a new version; this one stays) · Ctrl+Shift+R</source>
        <translation>Dort weitermachen, wo es angehalten wurde (eine neue Version; diese bleibt) · Strg+Umschalt+R</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Ask again (this version is kept)</source>
        <translation>Noch einmal fragen (diese Version bleibt erhalten)</translation>
    </message>
</context>
<context>
    <name>Clipboard</name>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>Kopiert: %1</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare traces</source>
        <translation>Denkspuren vergleichen</translation>
    </message>
    <message numerus="yes">
        <source>%1 vs %2, %n aligned</source>
        <translation>
            <numerusform>%1 gegen %2, %n zugeordnet</numerusform>
            <numerusform>%1 gegen %2, %n zugeordnet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Both begin the same (%Ln character(s)), then diverge below:</source>
        <translation>
            <numerusform>Beide beginnen gleich (%Ln Zeichen), dann gehen sie auseinander:</numerusform>
            <numerusform>Beide beginnen gleich (%Ln Zeichen), dann gehen sie auseinander:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Answer if now?</source>
        <translation>Antwort jetzt?</translation>
    </message>
    <message>
        <source>What would it answer now? A short side answer from the trace so far; the thinking goes on</source>
        <translation>Was würde es jetzt antworten? Eine kurze Nebenantwort aus der bisherigen Denkspur; das Denken geht weiter</translation>
    </message>
    <message>
        <source>Ask the model… (Ctrl+Enter sends, Esc stops)</source>
        <extracomment>The composer&apos;s narrowest width: a drawer or panel opened beside the chat takes its room from the other panes, never squeezes the question box to a sliver (1024 px windows).</extracomment>
        <translation>Frag das Modell… (Strg+Enter sendet, Esc stoppt)</translation>
    </message>
    <message>
        <source>Answer now</source>
        <translation>Jetzt antworten</translation>
    </message>
    <message>
        <source>End the reasoning here and make the model answer</source>
        <translation>Das Nachdenken hier beenden und das Modell antworten lassen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message numerus="yes">
        <source>If it answered now (after %Ln thinking token(s)):</source>
        <translation>
            <numerusform>Wenn es jetzt antwortete (nach %Ln Denk-Token):</numerusform>
            <numerusform>Wenn es jetzt antwortete (nach %Ln Denk-Token):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfidenceCurve</name>
    <message>
        <source>tokens %1–%2: mean log-probability %3 (≈ %4 per token)</source>
        <translation>Token %1–%2: mittlere Log-Wahrscheinlichkeit %3 (≈ %4 je Token)</translation>
    </message>
    <message>
        <source>%1: mean log-probability %2 (≈ %3)</source>
        <translation>%1: mittlere Log-Wahrscheinlichkeit %2 (≈ %3)</translation>
    </message>
</context>
<context>
    <name>ConfidencePane</name>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>Background: how unsure the model was at each token (entropy of its next-token distribution; deeper = less sure). Bold underlined: forks. Hover a token for its five alternatives. Curve: mean log-probability over %1-token windows, the lowest tenth shaded red; the band below: each step&apos;s mean confidence.</source>
        <translation>Hintergrund: wie unsicher das Modell bei jedem Token war (Entropie seiner Verteilung für das nächste Token; dunkler = unsicherer). Fett unterstrichen: Gabelungen. Zeige auf ein Token für seine fünf Alternativen. Kurve: mittlere Log-Wahrscheinlichkeit über Fenster von %1 Token, das unsicherste Zehntel rot schattiert; das Band darunter: die mittlere Sicherheit jedes Schritts.</translation>
    </message>
    <message>
        <source>No token signals for this reply: they were not recorded (Settings), the reply is older, or the server sent no log-probabilities.</source>
        <translation>Keine Token-Signale für diese Antwort: Sie wurden nicht aufgezeichnet (Einstellungen), die Antwort ist älter, oder der Server lieferte keine Log-Wahrscheinlichkeiten.</translation>
    </message>
</context>
<context>
    <name>ConfidenceView</name>
    <message>
        <source>%1: probability %2 (log %3), entropy %4 nats</source>
        <extracomment>Entropy (nats) at which a token&apos;s background is at its deepest. The share of windows shaded as the lowest (DeepConf&apos;s &quot;bottom 10 %&quot; group confidence).</extracomment>
        <translation>%1: Wahrscheinlichkeit %2 (log %3), Entropie %4 nats</translation>
    </message>
    <message>
        <source>a fork</source>
        <translation>eine Gabelung</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Älter</translation>
    </message>
    <message>
        <source>Pin to the top</source>
        <translation>Oben anheften</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Search answers and traces… (Ctrl+F)</source>
        <extracomment>Qt.ItemDataRole.UserRole and after, as plain numbers: reading ``Qt`` here would build its enums at import (see :mod:`denkspur.gui.lazy_qt`).</extracomment>
        <translation>Antworten und Denkspuren durchsuchen… (Strg+F)</translation>
    </message>
    <message>
        <source>Start a new chat (Ctrl+N)</source>
        <translation>Neuen Chat beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Nicht mehr anheften</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>trace</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete “%1” with all its answers and traces?</source>
        <translation>„%1“ mit allen Antworten und Denkspuren löschen?</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>Chat löschen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln Nachricht</numerusform>
            <numerusform>%Ln Nachrichten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CorpusPanel</name>
    <message>
        <source>Articles</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>In Denkspur</source>
        <translation>In Denkspur</translation>
    </message>
    <message>
        <source>Ask the model</source>
        <translation>Das Modell fragen</translation>
    </message>
    <message>
        <source>Send this claim to the loaded model as a new chat</source>
        <translation>Diese Behauptung als neuen Chat an das geladene Modell schicken</translation>
    </message>
    <message>
        <source>Keep in mind</source>
        <translation>Beim Lesen beachten</translation>
    </message>
    <message>
        <source>Claims checked</source>
        <translation>Geprüfte Behauptungen</translation>
    </message>
    <message>
        <source>This article&apos;s text differs from the one the explanations were written for; claims whose phrase is missing are not highlighted.</source>
        <translation>Der Text dieses Artikels weicht von dem ab, für den die Erklärungen geschrieben wurden; Behauptungen, deren Wortlaut fehlt, werden nicht markiert.</translation>
    </message>
    <message>
        <source>Click a highlighted phrase or a claim to see the verdict.</source>
        <translation>Klicke auf eine markierte Stelle oder eine Behauptung, um das Urteil zu sehen.</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>In the articles</source>
        <translation>In den Artikeln</translation>
    </message>
    <message>
        <source>Best supported</source>
        <translation>Am besten belegt</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Stated in the article</source>
        <translation>Angabe im Artikel</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The article text is not part of Denkspur. Choose the folder with the articles in Preferences (or set DENKSPUR_CORPUS) to read it here with the claims highlighted; the explanations stand on their own.</source>
        <translation>Der Artikeltext ist nicht Teil von Denkspur. Wähle den Ordner mit den Artikeln in den Einstellungen (oder setze DENKSPUR_CORPUS), um ihn hier mit hervorgehobenen Behauptungen zu lesen; die Erklärungen stehen auch für sich.</translation>
    </message>
</context>
<context>
    <name>HelpDialogs</name>
    <message>
        <source>Context menu (steps, trace, conversations)</source>
        <translation>Kontextmenü (Schritte, Denkspur, Gespräche)</translation>
    </message>
    <message>
        <source>Menu key or Shift+F10</source>
        <translation>Menütaste oder Umschalt+F10</translation>
    </message>
    <message>
        <source>About Denkspur</source>
        <translation>Über Denkspur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>From the search box to the hits</source>
        <translation>Vom Suchfeld zu den Treffern</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Leave the message box</source>
        <translation>Eingabefeld verlassen</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the selected conversation</source>
        <translation>Gewählten Chat öffnen</translation>
    </message>
    <message>
        <source>Rename the selected conversation</source>
        <translation>Gewählten Chat umbenennen</translation>
    </message>
    <message>
        <source>See how DeepSeek-R1 models think: the answer, and beside it the reasoning trace, on your own computer.</source>
        <translation>Sieh, wie DeepSeek-R1-Modelle denken: die Antwort und daneben die Denkspur, auf deinem eigenen Rechner.</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>Antwort anhalten</translation>
    </message>
    <message>
        <source>Type a tab in the message box</source>
        <translation>Tabulator ins Eingabefeld schreiben</translation>
    </message>
    <message>
        <source>Where Denkspur keeps its files</source>
        <translation>Wo Denkspur seine Dateien ablegt</translation>
    </message>
    <message>
        <source>llama.cpp: %1</source>
        <translation>llama.cpp: %1</translation>
    </message>
    <message>
        <source>not started yet</source>
        <translation>noch nicht gestartet</translation>
    </message>
    <message>
        <source>not used (connected to a server)</source>
        <translation>nicht verwendet (mit einem Server verbunden)</translation>
    </message>
    <message>
        <source>Jump the trace to the selected step</source>
        <translation>Die Denkspur zum gewählten Schritt springen lassen</translation>
    </message>
</context>
<context>
    <name>LongAnswer</name>
    <message>
        <source>Show formatted</source>
        <extracomment>Answers longer than this (characters) are shown as plain text. A line with more cells than this is a table too wide to format on the GUI thread. Largest answer that &quot;Show formatted&quot; renders.</extracomment>
        <translation>Formatiert anzeigen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Chat settings</source>
        <translation>Chat-Einstellungen</translation>
    </message>
    <message>
        <source>This chat&apos;s settings</source>
        <translation>Einstellungen dieses Chats</translation>
    </message>
    <message>
        <source>Continuing differently needs a local model and no reply being written.</source>
        <translation>Anders weiterdenken geht nur mit einem lokalen Modell und wenn gerade keine Antwort entsteht.</translation>
    </message>
    <message>
        <source>Some replies could not be saved and exist only in this window. Quit anyway and lose them? (Cancel, then Retry save or Export…)</source>
        <translation>Einige Antworten konnten nicht gespeichert werden und gibt es nur in diesem Fenster. Trotzdem beenden und sie verlieren? (Abbrechen, dann „Erneut speichern“ oder „Exportieren…“)</translation>
    </message>
    <message>
        <source>Open a GGUF model file…</source>
        <translation>GGUF-Modelldatei öffnen…</translation>
    </message>
    <message>
        <source>Browse and download models…</source>
        <translation>Modelle ansehen und herunterladen…</translation>
    </message>
    <message>
        <source>Open model file</source>
        <translation>Modelldatei öffnen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>DeepSeek-R1 in the news</source>
        <translation>DeepSeek-R1 in den Nachrichten</translation>
    </message>
    <message>
        <source>Load a model first to ask it (File → Models…).</source>
        <translation>Lade zuerst ein Modell, um es zu fragen (Datei → Modelle…).</translation>
    </message>
    <message>
        <source>The model is still answering; stop it or wait.</source>
        <translation>Das Modell antwortet noch; stoppe es oder warte.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <extracomment>Start-up work waits for the first frame, or at most this long.</extracomment>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source>Reply %1, version %2 (%3)</source>
        <translation>Antwort %1, Version %2 (%3)</translation>
    </message>
    <message>
        <source>Compare traces</source>
        <translation>Denkspuren vergleichen</translation>
    </message>
    <message>
        <source>Regenerate an answer (⟳) to get a second trace to compare.</source>
        <translation>Erzeuge eine Antwort neu (⟳), um eine zweite Denkspur zum Vergleichen zu bekommen.</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <source>Import conversation</source>
        <translation>Unterhaltung importieren</translation>
    </message>
    <message>
        <source>Open a model first (File → Open model file…).</source>
        <translation>Öffne zuerst ein Modell (Datei → Modelldatei öffnen…).</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>context %1</source>
        <translation>Kontext %1</translation>
    </message>
    <message>
        <source>server %1</source>
        <translation>Server %1</translation>
    </message>
</context>
<context>
    <name>MapBar</name>
    <message>
        <source>All sentences</source>
        <extracomment>Stored traces longer than this are not split into sentences when shown (it would take the GUI thread too long); the map stays empty for them. Sentences put on the map per event-loop turn while a flood arrives (as many as the trace panel&apos;s slice of events can bring: the map keeps up with it). Of each slice, the latest sentences checked for loops (the hint looks at the last 20; each check costs ~40 us, so a slice of a flood checks only its tail). Trace events without a single token after which a reply that asked for signals is taken to have none (a server that sends no log-probabilities).</extracomment>
        <translation>Alle Sätze</translation>
    </message>
    <message>
        <source>Only backtracks</source>
        <translation>Nur Rückschritte</translation>
    </message>
    <message>
        <source>Only checks</source>
        <translation>Nur Prüfungen</translation>
    </message>
    <message>
        <source>Only conclusions</source>
        <translation>Nur Schlüsse</translation>
    </message>
    <message>
        <source>The model seems to be going in circles: Answer now makes it answer from what it has.</source>
        <translation>Das Modell scheint sich im Kreis zu drehen: „Jetzt antworten“ lässt es mit dem bisher Gedachten antworten.</translation>
    </message>
    <message>
        <source>The model seems to be going in circles: Stop ends the reply.</source>
        <translation>Das Modell scheint sich im Kreis zu drehen: „Stopp“ beendet die Antwort.</translation>
    </message>
    <message>
        <source>Continue differently from here</source>
        <translation>Ab hier anders weiterdenken</translation>
    </message>
    <message>
        <source>No confidence curve: the server sent no log-probabilities for this reply.</source>
        <translation>Keine Sicherheitskurve: Der Server hat für diese Antwort keine Log-Wahrscheinlichkeiten gesendet.</translation>
    </message>
    <message>
        <source>Under the map: confidence · red: least sure tenth</source>
        <translation>Unter der Karte: Sicherheit · rot: unsicherstes Zehntel</translation>
    </message>
    <message>
        <source>The line under the sentences is the mean log-probability of the model&apos;s tokens over sliding %1-token windows (higher: surer); red marks the lowest tenth of the windows. Hover a sentence for its mean confidence.</source>
        <translation>Die Linie unter den Sätzen ist die mittlere Log-Wahrscheinlichkeit der Token des Modells über gleitende Fenster von %1 Token (höher: sicherer); rot markiert das unsicherste Zehntel der Fenster. Zeige auf einen Satz für seine mittlere Sicherheit.</translation>
    </message>
    <message>
        <source>Answer settled at token %1: %2</source>
        <translation>Antwort stand fest bei Token %1: %2</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>LaTeX: %1</source>
        <translation>LaTeX: %1</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>code (%1)</source>
        <translation>Code (%1)</translation>
    </message>
    <message>
        <source>You</source>
        <extracomment>A streaming answer is re-rendered at most this often (each render lays out the whole label).</extracomment>
        <translation>Du</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>wird erzeugt…</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>(no answer yet: the model was still thinking)</source>
        <translation>(noch keine Antwort: das Modell dachte noch nach)</translation>
    </message>
    <message>
        <source>thinking…</source>
        <translation>denkt nach…</translation>
    </message>
    <message>
        <source>answering…</source>
        <translation>antwortet…</translation>
    </message>
    <message>
        <source>continues version %1 from where it stopped</source>
        <translation>setzt Version %1 dort fort, wo sie angehalten wurde</translation>
    </message>
    <message numerus="yes">
        <source>continued version %1 differently after %Ln character(s) of its trace</source>
        <translation>
            <numerusform>Version %1 nach %Ln Zeichen ihrer Denkspur anders fortgesetzt</numerusform>
            <numerusform>Version %1 nach %Ln Zeichen ihrer Denkspur anders fortgesetzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>budget %Ln token(s)</source>
        <translation>
            <numerusform>Budget %Ln Token</numerusform>
            <numerusform>Budget %Ln Token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>thinking cut at the budget (%Ln token(s))</source>
        <translation>
            <numerusform>Denken am Budget abgebrochen (%Ln Token)</numerusform>
            <numerusform>Denken am Budget abgebrochen (%Ln Token)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelCard</name>
    <message>
        <source>★ Recommended for this machine</source>
        <translation>★ Empfohlen für diesen Rechner</translation>
    </message>
    <message>
        <source>%1 billion parameters · licence: %2</source>
        <translation>%1 Milliarden Parameter · Lizenz: %2</translation>
    </message>
    <message>
        <source>Quantization: coarser files are smaller and faster, finer ones closer to the original model</source>
        <translation>Quantisierung: gröbere Dateien sind kleiner und schneller, feinere näher am ursprünglichen Modell</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>needs about %1 GB of memory</source>
        <translation>braucht etwa %1 GB Speicher</translation>
    </message>
    <message>
        <source>The file (%1 GB), the KV cache for the context set in Preferences and llama.cpp&apos;s buffers</source>
        <translation>Die Datei (%1 GB), der KV-Cache für den in den Einstellungen gewählten Kontext und die Puffer von llama.cpp</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>installiert</translation>
    </message>
    <message>
        <source>too big</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <source>, %1 s left</source>
        <translation>, noch %1 s</translation>
    </message>
    <message>
        <source>%1 of %2 MB, %3 MB/s</source>
        <translation>%1 von %2 MB, %3 MB/s</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <source>Filter: name, size or quantization (e.g. 7b q4)</source>
        <translation>Filter: Name, Größe oder Quantisierung (z. B. 7b q4)</translation>
    </message>
    <message>
        <source>Installed; no checksum from the Hub (its sha256 was computed here, not checked).</source>
        <translation>Installiert; der Hub nannte keine Prüfsumme (sha256 hier berechnet, nicht geprüft).</translation>
    </message>
    <message>
        <source>Too big: needs about %1 GB, this machine has %2 GB of memory.</source>
        <translation>Zu groß: braucht etwa %1 GB, dieser Rechner hat %2 GB Arbeitsspeicher.</translation>
    </message>
    <message>
        <source>Models</source>
        <extracomment>The cards&apos; column stops growing here: on a wide screen lines stay readable.</extracomment>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation>GGUF-Datei importieren…</translation>
    </message>
    <message>
        <source>no GPU</source>
        <translation>keine GPU</translation>
    </message>
    <message>
        <source>GPU offload available</source>
        <translation>GPU-Auslagerung möglich</translation>
    </message>
    <message>
        <source>CPU build of llama.cpp</source>
        <translation>CPU-Build von llama.cpp</translation>
    </message>
    <message>
        <source>This machine: %1 GB RAM, %2, %3. Recommended: %4</source>
        <translation>Dieser Rechner: %1 GB RAM, %2, %3. Empfohlen: %4</translation>
    </message>
    <message>
        <source>Cancelled. “Resume” continues where it stopped.</source>
        <translation>Abgebrochen. „Fortsetzen“ macht dort weiter, wo es aufgehört hat.</translation>
    </message>
    <message>
        <source>Installed and verified (sha256).</source>
        <translation>Installiert und geprüft (sha256).</translation>
    </message>
    <message>
        <source>Delete %1 and free %2 GB?</source>
        <translation>%1 löschen und %2 GB freigeben?</translation>
    </message>
    <message>
        <source>Remove %1 from the list? (The file itself stays.)</source>
        <translation>%1 aus der Liste entfernen? (Die Datei selbst bleibt.)</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Import a GGUF file</source>
        <translation>GGUF-Datei importieren</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>Checking this machine…</source>
        <translation>Dieser Rechner wird geprüft…</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Recent servers</source>
        <translation>Zuletzt verwendete Server</translation>
    </message>
    <message>
        <source>Browse and download models…</source>
        <translation>Modelle ansehen und herunterladen…</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Modell wählen</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>Mit einem Server verbinden…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <extracomment>How many recently loaded models the picker lists. The longest model or server name shown; the whole name is in the tooltip. Reconnects to a recent server (set by the window).</extracomment>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Open a GGUF file…</source>
        <translation>GGUF-Datei öffnen…</translation>
    </message>
    <message>
        <source>Recent models</source>
        <translation>Zuletzt verwendete Modelle</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Switch model (Ctrl+P)</source>
        <translation>Modell wechseln (Strg+P)</translation>
    </message>
</context>
<context>
    <name>ReasoningFunction</name>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Computation</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Doubt / backtrack</source>
        <translation>Zweifel / Umkehr</translation>
    </message>
    <message>
        <source>Fact</source>
        <translation>Fakt</translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation>Endgültige Antwort</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Problem setup</source>
        <extracomment>Colour per function; doubt warm, checks green, conclusions blue, groundwork greys/teals. Each function&apos;s name, translated when asked for (one lookup per call: a flood names hundreds of steps and sentences per event-loop turn).</extracomment>
        <translation>Problemstellung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>ReasoningMap</name>
    <message>
        <source>confidence %1 per token (mean log-probability %2)</source>
        <extracomment>Characters looked at for a cell&apos;s width: more than enough tokens for MAX_CELL. Cells beyond this are not drawn (a flooding trace of tens of thousands of sentences would make every repaint slow); the map then covers the trace&apos;s beginning and says so. A full strip (cells narrowed to fit MAX_ROWS rows) is painted again at most this often while sentences stream in: the strip&apos;s points and marks are built again for each paint, and each time the strip outgrows its room every cell moves (see gui/map_layout.py). Mean log-probability of the sentence&apos;s tokens (None: no signals for it). The confidence curve through the sentence: (mean, lowest full window or None) per bucket, then the same halved again and again (a narrow cell takes the level that fits its pixels). The trace&apos;s token confidence (None or empty: no signals, no strip) The layout, kept between paints: appended cells are placed after the others. The cells&apos; rectangles grouped by colour, as laid out: painted one call per colour (a full map is 4,000 cells, and a Python call per cell cost a flood ~10 ms a frame).</extracomment>
        <translation>Sicherheit %1 pro Token (mittlere Log-Wahrscheinlichkeit %2)</translation>
    </message>
    <message>
        <source>among the least sure tenth of the trace</source>
        <translation>unter dem unsichersten Zehntel der Denkspur</translation>
    </message>
</context>
<context>
    <name>RemoteDialog</name>
    <message>
        <source>Detect: the reply holds a trace only if the server marks one (a reasoning field or think tags). Choose the template option for a reasoning model whose server opens the trace in the prompt, and &apos;no reasoning&apos; for a model that does not think.</source>
        <translation>Erkennen: Die Antwort enthält nur dann eine Denkspur, wenn der Server sie kennzeichnet (ein Reasoning-Feld oder Think-Tags). Wähle die Template-Option für ein denkendes Modell, dessen Server die Denkspur im Prompt öffnet, und „kein Denken“ für ein Modell, das nicht denkt.</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>detect from the reply</source>
        <translation>aus der Antwort erkennen</translation>
    </message>
    <message>
        <source>no reasoning: the content is the answer</source>
        <translation>kein Denken: der Inhalt ist die Antwort</translation>
    </message>
    <message>
        <source>trace opened by the server&apos;s template</source>
        <translation>Denkspur vom Template des Servers geöffnet</translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <source>stored in the system keyring, never in settings files</source>
        <translation>wird im Schlüsselbund des Systems gespeichert, nie in Einstellungsdateien</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <extracomment>Model ids as shown (direction controls as markers) → as the server spells them.</extracomment>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <source>List models</source>
        <translation>Modelle auflisten</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>The key could not be stored (%1); it is used for this session only.</source>
        <translation>Der Schlüssel konnte nicht gespeichert werden (%1); er gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>Frage %1 nach seinen Modellen…</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) on the server</source>
        <translation>
            <numerusform>%n Modell auf dem Server</numerusform>
            <numerusform>%n Modelle auf dem Server</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Where downloaded models go; empty: %1</source>
        <translation>Wohin heruntergeladene Modelle kommen; leer: %1</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Like the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Token signals</source>
        <translation>Token-Signale</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>automatic (as many as fit)</source>
        <translation>automatisch (so viele wie passen)</translation>
    </message>
    <message>
        <source>this many:</source>
        <translation>so viele:</translation>
    </message>
    <message>
        <source>none (CPU)</source>
        <translation>keine (CPU)</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Record how sure the model is at each token</source>
        <translation>Festhalten, wie sicher sich das Modell bei jedem Token ist</translation>
    </message>
    <message>
        <source>For the trace panel&apos;s confidence view; costs a few percent of the decoding speed</source>
        <translation>Für die Sicherheitsansicht der Denkspur; kostet einige Prozent der Geschwindigkeit</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>Context size (tokens)</source>
        <translation>Kontextgröße (Token)</translation>
    </message>
    <message>
        <source>Temperature (R1: 0.6)</source>
        <translation>Temperatur (R1: 0,6)</translation>
    </message>
    <message>
        <source>Top-p (R1: 0.95)</source>
        <translation>Top-p (R1: 0,95)</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <source>Thinking budget (tokens)</source>
        <translation>Denkbudget (Token)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>News articles folder</source>
        <translation>Ordner der Nachrichtenartikel</translation>
    </message>
    <message>
        <source>none: the explanations without the article texts</source>
        <translation>keiner: die Erklärungen ohne die Artikeltexte</translation>
    </message>
    <message>
        <source>not set: %1</source>
        <translation>nicht gesetzt: %1</translation>
    </message>
    <message>
        <source>The folder with the five news articles the corpus panel explains (their texts are not part of Denkspur)</source>
        <translation>Der Ordner mit den fünf Nachrichtenartikeln, die das Korpus-Fenster erklärt (ihre Texte sind nicht Teil von Denkspur)</translation>
    </message>
    <message>
        <source>DENKSPUR_CORPUS is set (%1): it wins over this folder as long as it is set.</source>
        <translation>DENKSPUR_CORPUS ist gesetzt (%1): Solange es gesetzt ist, gilt es statt dieses Ordners.</translation>
    </message>
</context>
<context>
    <name>StepKind</name>
    <message>
        <source>Reasoning</source>
        <extracomment>Each kind&apos;s name, translated when asked for (one lookup per call: a flood names hundreds of steps per event-loop turn).</extracomment>
        <translation>Überlegung</translation>
    </message>
    <message>
        <source>Self-correction</source>
        <translation>Selbstkorrektur</translation>
    </message>
    <message>
        <source>Alternative</source>
        <translation>Alternative</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Schluss</translation>
    </message>
</context>
<context>
    <name>StepsList</name>
    <message>
        <source>%1 (being written)</source>
        <translation>%1 (wird geschrieben)</translation>
    </message>
    <message>
        <source>Continue differently from here</source>
        <translation>Ab hier anders weiterdenken</translation>
    </message>
    <message>
        <source>Insert a note here and continue…</source>
        <translation>Hier eine Notiz einfügen und weiterdenken…</translation>
    </message>
    <message>
        <source>confidence %1 per token (mean log-probability %2)</source>
        <translation>Sicherheit %1 pro Token (mittlere Log-Wahrscheinlichkeit %2)</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <source>Steer the reasoning</source>
        <translation>Das Denken lenken</translation>
    </message>
    <message>
        <source>Your note, inserted into the trace here (it is marked as yours):</source>
        <translation>Ihre Notiz, hier in die Denkspur eingefügt (als Ihre gekennzeichnet):</translation>
    </message>
    <message>
        <source>Wait, </source>
        <translation>Moment, </translation>
    </message>
    <message>
        <source>Still thinking</source>
        <translation>Denkt noch nach</translation>
    </message>
    <message>
        <source>Thought for %1</source>
        <translation>%1 nachgedacht</translation>
    </message>
    <message>
        <source>stopped while answering</source>
        <translation>beim Antworten angehalten</translation>
    </message>
    <message>
        <source>↓ Jump to live</source>
        <translation>↓ Zum aktuellen Text</translation>
    </message>
    <message>
        <source>Copy trace</source>
        <extracomment>Live events taken per event-loop turn. A normal batch (tens of events) is taken at once; a flood (a megabyte of text brings ~40,000 sentence and step events) is spread over turns so that the window never waits for all of it. With the step items, map cells and trace text they bring, a slice costs ~10 ms (2 cores). Step items added to the list per event-loop turn: as many as a slice of events can bring (a step comes with at least one sentence), so the list keeps up with the events and no backlog builds up behind the engine thread&apos;s backpressure. Of the step being written, the text kept for its row&apos;s name and tooltip (a step can be megabytes long; its row shows its first words). Room kept free beside a live header before its buttons come back up beside it (its seconds and token count grow by a few digits). &quot;Continue differently from here&quot;: version id, trace offset, the user&apos;s note (&quot;&quot; for none). Where the reasoning map (a strip over the whole trace) goes.</extracomment>
        <translation>Denkspur kopieren</translation>
    </message>
    <message>
        <source>Copy the whole reasoning trace</source>
        <translation>Die ganze Denkspur kopieren</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Show how sure the model was at each token of the trace</source>
        <translation>Zeigen, wie sicher sich das Modell bei jedem Token der Denkspur war</translation>
    </message>
    <message>
        <source>Reasoning trace</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <source>Select an answer to see how the model reached it.</source>
        <translation>Wähle eine Antwort, um zu sehen, wie das Modell zu ihr kam.</translation>
    </message>
    <message>
        <source>This answer has no reasoning trace.</source>
        <translation>Diese Antwort hat keine Denkspur.</translation>
    </message>
    <message>
        <source>Reply limit reached while thinking (raise it in Preferences)</source>
        <translation>Antwortlimit erreicht, während es noch dachte (in den Einstellungen erhöhen)</translation>
    </message>
    <message>
        <source>Stopped while thinking</source>
        <translation>Beim Nachdenken angehalten</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <source>Thinking budget reached: this server cannot be asked for the answer</source>
        <translation>Denkbudget erreicht: Dieser Server kann nicht nach der Antwort gefragt werden</translation>
    </message>
    <message numerus="yes">
        <source>%Ln step(s)</source>
        <translation>
            <numerusform>%Ln Schritt</numerusform>
            <numerusform>%Ln Schritte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln self-correction(s)</source>
        <translation>
            <numerusform>%Ln Selbstkorrektur</numerusform>
            <numerusform>%Ln Selbstkorrekturen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace token(s)</source>
        <translation>
            <numerusform>%Ln Denk-Token</numerusform>
            <numerusform>%Ln Denk-Token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln answer token(s)</source>
        <translation>
            <numerusform>%Ln Antwort-Token</numerusform>
            <numerusform>%Ln Antwort-Token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln Token</numerusform>
            <numerusform>%Ln Token</numerusform>
        </translation>
    </message>
    <message>
        <source>Thinking… %1 s, %2</source>
        <translation>Denkt nach… %1 s, %2</translation>
    </message>
</context>
<context>
    <name>TraceView</name>
    <message>
        <source>Your note, inserted to steer the model</source>
        <extracomment>Longest line laid out as one paragraph; longer lines get display-only breaks. Characters inserted per event-loop turn (bounds the time of one GUI update). Below this viewport width the gutter shows icons only. Direction controls given their marker format per slice (a flood of them stays cheap; beyond this they are still shown as the stand-in, only not coloured). Backgrounds of text the model did not write (kinds as in the reply&apos;s &quot;interventions&quot;).</extracomment>
        <translation>Deine Notiz, eingefügt, um das Modell zu lenken</translation>
    </message>
    <message>
        <source>Written in by Denkspur: Answer now ended the thinking here</source>
        <translation>Von Denkspur eingefügt: „Jetzt antworten“ hat das Denken hier beendet</translation>
    </message>
    <message>
        <source>Written in by Denkspur: the thinking budget ended the thinking here</source>
        <translation>Von Denkspur eingefügt: Das Denkbudget hat das Denken hier beendet</translation>
    </message>
    <message>
        <source>Written in by Denkspur: Think longer made it go on</source>
        <translation>Von Denkspur eingefügt: „Länger denken“ ließ es weiterdenken</translation>
    </message>
    <message>
        <source>%1: a text-direction control the model wrote, shown here instead of applied (Copy keeps it)</source>
        <translation>%1: ein Textrichtungs-Steuerzeichen, das das Modell geschrieben hat, hier gezeigt statt angewandt (Kopieren behält es)</translation>
    </message>
    <message>
        <source>%1: a control character the model wrote, shown here (Copy keeps it)</source>
        <translation>%1: ein Steuerzeichen, das das Modell geschrieben hat, hier sichtbar gemacht (Kopieren behält es)</translation>
    </message>
</context>
<context>
    <name>UnsavedBar</name>
    <message>
        <source>Retry save</source>
        <translation>Erneut speichern</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s) could not be saved and are kept in memory only.</source>
        <translation>
            <numerusform>%n Antwort konnte nicht gespeichert werden und ist nur im Arbeitsspeicher.</numerusform>
            <numerusform>%n Antworten konnten nicht gespeichert werden und sind nur im Arbeitsspeicher.</numerusform>
        </translation>
    </message>
    <message>
        <source>The disk said: %1</source>
        <translation>Meldung des Datenträgers: %1</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>correct</source>
        <translation>korrekt</translation>
    </message>
    <message>
        <source>misleading</source>
        <translation>irreführend</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>unverifiable</source>
        <translation>nicht überprüfbar</translation>
    </message>
    <message>
        <source>runs fully on the GPU</source>
        <translation>läuft ganz auf der GPU</translation>
    </message>
    <message>
        <source>partly on the GPU</source>
        <translation>teilweise auf der GPU</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <source>too big for this machine</source>
        <translation>zu groß für diesen Rechner</translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>About Denkspur…</source>
        <translation>Über Denkspur…</translation>
    </message>
    <message>
        <source>Answer now</source>
        <translation>Jetzt antworten</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Go to the message box</source>
        <translation>Zum Eingabefeld</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>Tastenkürzel…</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Regenerate the last answer</source>
        <translation>Letzte Antwort neu erzeugen</translation>
    </message>
    <message>
        <source>Search conversations…</source>
        <translation>Chats durchsuchen…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Switch model…</source>
        <translation>Modell wechseln…</translation>
    </message>
    <message>
        <source>Where my data lives…</source>
        <translation>Wo meine Daten liegen…</translation>
    </message>
    <message>
        <source>Continue the stopped answer</source>
        <translation>Die angehaltene Antwort fortsetzen</translation>
    </message>
    <message>
        <source>Go to the reasoning steps</source>
        <translation>Zu den Denkschritten</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open model file…</source>
        <translation>Modelldatei öffnen…</translation>
    </message>
    <message>
        <source>Import conversation…</source>
        <translation>Unterhaltung importieren…</translation>
    </message>
    <message>
        <source>Export conversation as Markdown…</source>
        <translation>Unterhaltung als Markdown exportieren…</translation>
    </message>
    <message>
        <source>Export conversation as JSON…</source>
        <translation>Unterhaltung als JSON exportieren…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Reasoning trace panel</source>
        <translation>Denkspur-Bereich</translation>
    </message>
    <message>
        <source>Compare traces…</source>
        <translation>Denkspuren vergleichen…</translation>
    </message>
    <message>
        <source>DeepSeek-R1 in the news (explained)</source>
        <translation>DeepSeek-R1 in den Nachrichten (erklärt)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>&amp;Engine</source>
        <translation>&amp;Engine</translation>
    </message>
    <message>
        <source>Restart engine</source>
        <translation>Engine neu starten</translation>
    </message>
    <message>
        <source>Stop generating</source>
        <translation>Generierung anhalten</translation>
    </message>
    <message>
        <source>Models…</source>
        <translation>Modelle…</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>Mit einem Server verbinden…</translation>
    </message>
</context>
<context>
    <name>YourFiles</name>
    <message>
        <source>Your GGUF files</source>
        <extracomment>Each row with the text the filter searches in it.</extracomment>
        <translation>Deine GGUF-Dateien</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>%1 (%2, %3, imported)</source>
        <translation>%1 (%2, %3, importiert)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>%1 (%2, opened from disk)</source>
        <translation>%1 (%2, von der Festplatte geöffnet)</translation>
    </message>
</context>
</TS>
