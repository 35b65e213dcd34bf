<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>BackgroundOp</name>
    <message>
        <location filename="../../app/denkspur/gui/background.py" line="59" />
        <source>Something went wrong: %1</source>
        <translation>Etwas ist schiefgegangen: %1</translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <location filename="../../app/denkspur/gui/chat_session.py" line="262" />
        <source>This server decides when its model stops thinking: the thinking budget and 'think longer' apply to local models only.</source>
        <translation>Dieser Server entscheidet selbst, wann sein Modell aufhört zu denken: Das Denkbudget und „Länger denken“ gelten nur für lokale Modelle.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_session.py" line="224" />
        <source>The message could not be saved: %1</source>
        <translation>Die Nachricht konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="201" />
        <source>Ask something</source>
        <translation>Frag etwas</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="202" />
        <source>Type below and press Ctrl+Enter. The model's reasoning appears in the trace panel on the right while it thinks.</source>
        <translation>Schreib unten und drück Strg+Enter. Das Denken des Modells erscheint rechts im Denkspur-Bereich, während es nachdenkt.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="207" />
        <source>No model loaded yet</source>
        <translation>Noch kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="208" />
        <source>Denkspur runs DeepSeek-R1 distills on this computer, offline. Download one from the catalog, or open a GGUF file you already have.</source>
        <translation>Denkspur führt DeepSeek-R1-Distillate auf diesem Rechner aus, offline. Lade eines aus dem Katalog oder öffne eine GGUF-Datei, die du schon hast.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="211" />
        <source>Recommended for this machine: %1</source>
        <translation>Empfohlen für diesen Rechner: %1</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="236" />
        <source>Show earlier messages (%1)</source>
        <translation>Frühere Nachrichten zeigen (%1)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="256" />
        <source>Regenerate (keeps this version)</source>
        <translation>Neu erzeugen (diese Version bleibt erhalten)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="258" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="258" />
        <source>Copy answer</source>
        <translation>Antwort kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="260" />
        <source>Copy trace</source>
        <translation>Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="260" />
        <source>Copy the reasoning trace</source>
        <translation>Die Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="265" />
        <source>Edit and resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="272" />
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="274" />
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="280" />
        <source>The engine failed.</source>
        <translation>Die Engine ist ausgefallen.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="284" />
        <source>Restart engine</source>
        <translation>Engine neu starten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="291" />
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="292" />
        <source>New text (the old text and the replies after it stay: ◀ ▶ switches back):</source>
        <translation>Neuer Text (der alte Text und die Antworten danach bleiben erhalten: mit ◀ ▶ zurückwechseln):</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../app/denkspur/gui/compare_dialog.py" line="90" />
        <source>Both begin the same (%1 characters), then diverge below:</source>
        <translation>Beide beginnen gleich (%1 Zeichen) und gehen dann unten auseinander:</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/compare_dialog.py" line="33" />
        <source>Compare traces</source>
        <translation>Denkspuren vergleichen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/compare_dialog.py" line="73" />
        <source>%1 steps vs %2 steps, %3 aligned</source>
        <translation>%1 Schritte gegen %2 Schritte, %3 zugeordnet</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="56" />
        <source>Ask the model… (Ctrl+Enter sends, Esc stops)</source>
        <translation>Frag das Modell… (Strg+Enter sendet, Esc stoppt)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="57" />
        <source>Answer now</source>
        <translation>Jetzt antworten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="58" />
        <source>End the reasoning here and make the model answer</source>
        <translation>Das Nachdenken hier beenden und das Modell antworten lassen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="59" />
        <location filename="../../app/denkspur/gui/composer.py" line="63" />
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="59" />
        <location filename="../../app/denkspur/gui/composer.py" line="63" />
        <source>Send</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="66" />
        <source>Search answers and traces…</source>
        <translation>Antworten und Denkspuren durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="67" />
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="81" />
        <source>1 message</source>
        <translation>1 Nachricht</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="81" />
        <source>%1 messages</source>
        <translation>%1 Nachrichten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="92" />
        <source>trace</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="92" />
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="97" />
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="107" />
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="108" />
        <source>Export as Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="110" />
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="113" />
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="117" />
        <source>Rename chat</source>
        <translation>Chat umbenennen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="117" />
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="122" />
        <source>Delete “%1” with all its answers and traces?</source>
        <translation>„%1“ mit allen Antworten und Denkspuren löschen?</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="123" />
        <source>Delete chat</source>
        <translation>Chat löschen</translation>
    </message>
</context>
<context>
    <name>CorpusPanel</name>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="142" />
        <source>Articles</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="142" />
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="142" />
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="143" />
        <source>In Denkspur</source>
        <translation>In Denkspur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="145" />
        <source>Ask the model</source>
        <translation>Das Modell fragen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="146" />
        <source>Send this claim to the loaded model as a new chat</source>
        <translation>Diese Behauptung als neuen Chat an das geladene Modell schicken</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="173" />
        <source>Keep in mind</source>
        <translation>Beim Lesen beachten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="173" />
        <source>Claims checked</source>
        <translation>Geprüfte Behauptungen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="188" />
        <source>The article text is not part of Denkspur. Set a corpus folder (DENKSPUR_CORPUS) to read it here with the claims highlighted; the explanations stand on their own.</source>
        <translation>Der Artikeltext gehört nicht zu Denkspur. Lege einen Korpus-Ordner fest (DENKSPUR_CORPUS), um ihn hier mit markierten Behauptungen zu lesen; die Erklärungen sind auch ohne ihn verständlich.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="209" />
        <source>This article's text differs from the one the explanations were written for; claims whose phrase is missing are not highlighted.</source>
        <translation>Der Text dieses Artikels weicht von dem ab, für den die Erklärungen geschrieben wurden; Behauptungen, deren Wortlaut fehlt, werden nicht markiert.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="224" />
        <source>Click a highlighted phrase or a claim to see the verdict.</source>
        <translation>Klicke auf eine markierte Stelle oder eine Behauptung, um das Urteil zu sehen.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="227" />
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="249" />
        <source>In the articles</source>
        <translation>In den Artikeln</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="271" />
        <source>Best supported</source>
        <translation>Am besten belegt</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="272" />
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="272" />
        <source>Stated in the article</source>
        <translation>Angabe im Artikel</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="149" />
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>EntryCard</name>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="67" />
        <source>needs about %1 GB</source>
        <translation>braucht etwa %1 GB</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="77" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="80" />
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="83" />
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="101" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="101" />
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="111" />
        <source>, %1 s left</source>
        <translation>, noch %1 s</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="112" />
        <source>%1 of %2 MB, %3 MB/s</source>
        <translation>%1 von %2 MB, %3 MB/s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message><source>Continuing differently needs a local model and no reply being written.</source><translation>Anders weiterdenken geht nur mit einem lokalen Modell und wenn gerade keine Antwort entsteht.</translation></message>
    <message>
        <source>Stop generating</source>
        <translation>Generierung anhalten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="240" />
        <source>Some replies could not be saved and exist only in this window. Quit anyway and lose them? (Cancel, then Retry save or Export…)</source>
        <translation>Einige Antworten konnten nicht gespeichert werden und gibt es nur in diesem Fenster. Trotzdem beenden und sie verlieren? (Abbrechen, dann „Erneut speichern“ oder „Exportieren…“)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="176" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="177" />
        <source>Open model file…</source>
        <translation>Modelldatei öffnen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="178" />
        <source>Import conversation…</source>
        <translation>Unterhaltung importieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="179" />
        <source>Export conversation as Markdown…</source>
        <translation>Unterhaltung als Markdown exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="180" />
        <source>Export conversation as JSON…</source>
        <translation>Unterhaltung als JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="181" />
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="182" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="183" />
        <source>Reasoning trace panel</source>
        <translation>Denkspur-Bereich</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="184" />
        <source>Compare traces…</source>
        <translation>Denkspuren vergleichen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="185" />
        <source>DeepSeek-R1 in the news (explained)</source>
        <translation>DeepSeek-R1 in den Nachrichten (erklärt)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="186" />
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="187" />
        <source>Preferences…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="188" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="189" />
        <source>&amp;Engine</source>
        <translation>&amp;Engine</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="190" />
        <source>Restart engine</source>
        <translation>Engine neu starten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="191" />
        <source>Open a GGUF model file…</source>
        <translation>GGUF-Modelldatei öffnen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="192" />
        <source>Browse and download models…</source>
        <translation>Modelle ansehen und herunterladen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="193" />
        <source>Models…</source>
        <translation>Modelle…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="194" />
        <source>Connect to a server…</source>
        <translation>Mit einem Server verbinden…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="32" />
        <source>Open model file</source>
        <translation>Modelldatei öffnen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="34" />
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="51" />
        <source>DeepSeek-R1 in the news</source>
        <translation>DeepSeek-R1 in den Nachrichten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="63" />
        <source>Load a model first to ask it (File → Models…).</source>
        <translation>Lade zuerst ein Modell, um es zu fragen (Datei → Modelle…).</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="68" />
        <source>The model is still answering; stop it or wait.</source>
        <translation>Das Modell antwortet noch; stoppe es oder warte.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="82" />
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="228" />
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="145" />
        <source>Reply %1, version %2 (%3)</source>
        <translation>Antwort %1, Version %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="153" />
        <source>Compare traces</source>
        <translation>Denkspuren vergleichen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="154" />
        <source>Regenerate an answer (⟳) to get a second trace to compare.</source>
        <translation>Erzeuge eine Antwort neu (⟳), um eine zweite Denkspur zum Vergleichen zu bekommen.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="170" />
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/window_actions.py" line="182" />
        <source>Import conversation</source>
        <translation>Unterhaltung importieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="246" />
        <source>Open a model first (File → Open model file…).</source>
        <translation>Öffne zuerst ein Modell (Datei → Modelldatei öffnen…).</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="282" />
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="301" />
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="303" />
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="304" />
        <source>context %1</source>
        <translation>Kontext %1</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="306" />
        <source>server %1</source>
        <translation>Server %1</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="99" />
        <source>You</source>
        <extracomment>Messages shown at once; "show earlier" adds this many more.</extracomment>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="99" />
        <source>Denkspur</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="101" />
        <source>generating…</source>
        <translation>wird erzeugt…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="102" />
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="103" />
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="104" />
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="109" />
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="115" />
        <source>(no answer yet: the model was still thinking)</source>
        <translation>(noch keine Antwort: das Modell dachte noch nach)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="124" />
        <source>thinking…</source>
        <translation>denkt nach…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="131" />
        <source>answering…</source>
        <translation>antwortet…</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="127" />
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="143" />
        <source>Import a GGUF file…</source>
        <translation>GGUF-Datei importieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="176" />
        <source>no GPU</source>
        <translation>keine GPU</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="177" />
        <source>GPU offload available</source>
        <translation>GPU-Auslagerung möglich</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="177" />
        <source>CPU build of llama.cpp</source>
        <translation>CPU-Build von llama.cpp</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="179" />
        <source>This machine: %1 GB RAM, %2, %3. Recommended: %4</source>
        <translation>Dieser Rechner: %1 GB RAM, %2, %3. Empfohlen: %4</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="192" />
        <source>load</source>
        <translation>laden</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="192" />
        <source>remove</source>
        <translation>entfernen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="192" />
        <source>Imported models</source>
        <translation>Importierte Modelle</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="244" />
        <source>Cancelled. “Resume” continues where it stopped.</source>
        <translation>Abgebrochen. „Fortsetzen“ macht dort weiter, wo es aufgehört hat.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="249" />
        <source>Installed and verified (sha256).</source>
        <translation>Installiert und geprüft (sha256).</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="263" />
        <source>Delete %1 and free %2 GB?</source>
        <translation>%1 löschen und %2 GB freigeben?</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="264" />
        <source>Remove %1 from the list? (The file itself stays.)</source>
        <translation>%1 aus der Liste entfernen? (Die Datei selbst bleibt.)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="266" />
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="276" />
        <source>Cannot import %1: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="279" />
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="286" />
        <source>Import a GGUF file</source>
        <translation>GGUF-Datei importieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="287" />
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="165" />
        <source>Checking this machine…</source>
        <translation>Dieser Rechner wird geprüft…</translation>
    </message>
</context>
<context>
    <name>RemoteDialog</name>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="25" />
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="31" />
        <source>stored in the system keyring, never in settings files</source>
        <translation>wird im Schlüsselbund des Systems gespeichert, nie in Einstellungsdateien</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="35" />
        <source>Verify TLS certificates</source>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="44" />
        <source>List models</source>
        <translation>Modelle auflisten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="49" />
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="53" />
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="54" />
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="55" />
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="57" />
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="80" />
        <source>%1 model(s) on the server</source>
        <translation>%1 Modell(e) auf dem Server</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="91" />
        <source>The key could not be stored (%1); it is used for this session only.</source>
        <translation>Der Schlüssel konnte nicht gespeichert werden (%1); er gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/remote_dialog.py" line="83" />
        <source>Asking %1 for its models…</source>
        <translation>Frage %1 nach seinen Modellen…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message><source>Record how sure the model is at each token</source><translation>Festhalten, wie sicher sich das Modell bei jedem Token ist</translation></message>
    <message><source>For the trace panel's confidence view; costs a few percent of the decoding speed</source><translation>Für die Sicherheitsansicht der Denkspur; kostet einige Prozent der Geschwindigkeit</translation></message>
    <message><source>Token signals</source><translation>Token-Signale</translation></message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="37" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="40" />
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="45" />
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="56" />
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="88" />
        <source>automatic (as many as fit)</source>
        <translation>automatisch (so viele wie passen)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="88" />
        <source>this many:</source>
        <translation>so viele:</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="88" />
        <source>none (CPU)</source>
        <translation>keine (CPU)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="57" />
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="60" />
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="65" />
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="80" />
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="66" />
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="67" />
        <source>Context size (tokens)</source>
        <translation>Kontextgröße (Token)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="68" />
        <source>Temperature (R1: 0.6)</source>
        <translation>Temperatur (R1: 0,6)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="69" />
        <source>Top-p (R1: 0.95)</source>
        <translation>Top-p (R1: 0,95)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="70" />
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="71" />
        <source>Thinking budget (tokens)</source>
        <translation>Denkbudget (Token)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="72" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
</context>
<context>
    <name>StepKind</name>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="28" />
        <source>Reasoning</source>
        <translation>Überlegung</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="29" />
        <source>Self-correction</source>
        <translation>Selbstkorrektur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="30" />
        <source>Alternative</source>
        <translation>Alternative</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="31" />
        <source>Verification</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="32" />
        <source>Conclusion</source>
        <translation>Schluss</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message><source>Confidence</source><translation>Sicherheit</translation></message>
    <message><source>Show how sure the model was at each token of the trace</source><translation>Zeigen, wie sicher sich das Modell bei jedem Token der Denkspur war</translation></message>
    <message><source>Continue differently from here</source><translation>Ab hier anders weiterdenken</translation></message>
    <message><source>Insert a note here and continue…</source><translation>Hier eine Notiz einfügen und weiterdenken…</translation></message>
    <message><source>Steer the reasoning</source><translation>Das Denken lenken</translation></message>
    <message><source>Your note, inserted into the trace here (it is marked as yours):</source><translation>Ihre Notiz, hier in die Denkspur eingefügt (als Ihre gekennzeichnet):</translation></message>
    <message><source>Wait, </source><translation>Moment, </translation></message>
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
        <location filename="../../app/denkspur/gui/trace_panel.py" line="108" />
        <source>Copy trace</source>
        <translation>Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="109" />
        <source>Copy the whole reasoning trace</source>
        <translation>Die ganze Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="122" />
        <location filename="../../app/denkspur/gui/trace_panel.py" line="147" />
        <source>Reasoning trace</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="124" />
        <source>Select an answer to see how the model reached it.</source>
        <translation>Wähle eine Antwort, um zu sehen, wie das Modell zu ihr kam.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="125" />
        <source>This answer has no reasoning trace.</source>
        <translation>Diese Antwort hat keine Denkspur.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="144" />
        <source>Stopped while thinking</source>
        <translation>Beim Nachdenken angehalten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="146" />
        <location filename="../../app/denkspur/gui/trace_panel.py" line="248" />
        <source>Thought for %1 s</source>
        <translation>%1 s nachgedacht</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="151" />
        <source>1 step</source>
        <translation>1 Schritt</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="151" />
        <source>%1 steps</source>
        <translation>%1 Schritte</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="152" />
        <source>1 self-correction</source>
        <translation>1 Selbstkorrektur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="153" />
        <source>%1 self-corrections</source>
        <translation>%1 Selbstkorrekturen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="154" />
        <source>1 trace token</source>
        <translation>1 Denk-Token</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="155" />
        <source>%1 trace tokens</source>
        <translation>%1 Denk-Token</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="156" />
        <source>1 answer token</source>
        <translation>1 Antwort-Token</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="157" />
        <source>%1 answer tokens</source>
        <translation>%1 Antwort-Token</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="161" />
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="252" />
        <source>Thinking… %1 s, %2 tokens</source>
        <translation>Denkt nach… %1 s, %2 Token</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="49" />
        <source>correct</source>
        <translation>korrekt</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="50" />
        <source>misleading</source>
        <translation>irreführend</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="51" />
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/corpus_panel.py" line="52" />
        <source>unverifiable</source>
        <translation>nicht überprüfbar</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="46" />
        <source>runs fully on the GPU</source>
        <translation>läuft ganz auf der GPU</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="47" />
        <source>partly on the GPU</source>
        <translation>teilweise auf der GPU</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="48" />
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/model_manager.py" line="49" />
        <source>too big for this machine</source>
        <translation>zu groß für diesen Rechner</translation>
    </message>
</context>
<context>
    <name>UnsavedBar</name>
    <message>
        <location filename="../../app/denkspur/gui/unsaved_bar.py" line="27" />
        <source>Retry save</source>
        <translation>Erneut speichern</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/unsaved_bar.py" line="30" />
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/denkspur/gui/unsaved_bar.py" line="43" />
        <source>%n reply(s) could not be saved and are kept in memory only.</source>
        <translation>
            <numerusform>%n Antwort konnte nicht gespeichert werden und ist nur im Arbeitsspeicher.</numerusform>
            <numerusform>%n Antworten konnten nicht gespeichert werden und sind nur im Arbeitsspeicher.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/unsaved_bar.py" line="45" />
        <source>The disk said: %1</source>
        <translation>Meldung des Datenträgers: %1</translation>
    </message>
</context>
<context>
    <name>LongAnswer</name>
    <message>
        <source>Show formatted</source>
        <translation>Formatiert anzeigen</translation>
    </message>
</context>
<context>
    <name>MapBar</name>
    <message><source>All sentences</source><translation>Alle Sätze</translation></message>
    <message><source>Only backtracks</source><translation>Nur Rückschritte</translation></message>
    <message><source>Only checks</source><translation>Nur Prüfungen</translation></message>
    <message><source>Only conclusions</source><translation>Nur Schlüsse</translation></message>
    <message><source>The model seems to be going in circles: Answer now makes it answer from what it has.</source><translation>Das Modell scheint sich im Kreis zu drehen: „Jetzt antworten“ lässt es mit dem bisher Gedachten antworten.</translation></message>
    <message><source>Continue differently from here</source><translation>Ab hier anders weiterdenken</translation></message>
</context>
<context>
    <name>ConfidencePane</name>
    <message><source>Background: how unsure the model was at each token (entropy of its next-token distribution; deeper = less sure). Bold underlined: forks. Hover a token for its five alternatives. Curve: mean log-probability over %1-token windows, the lowest tenth shaded red; the band below: each step's mean confidence.</source><translation>Hintergrund: wie unsicher das Modell bei jedem Token war (Entropie seiner Verteilung für das nächste Token; dunkler = unsicherer). Fett unterstrichen: Weggabelungen. Mauszeiger auf ein Token zeigt seine fünf Alternativen. Kurve: mittlere Log-Wahrscheinlichkeit über Fenster von %1 Token, das unterste Zehntel rot hinterlegt; das Band darunter: die mittlere Sicherheit jedes Schritts.</translation></message>
    <message><source>No token signals for this reply: they were not recorded (Settings), the reply is older, or the server sent no log-probabilities.</source><translation>Keine Token-Signale für diese Antwort: Sie wurden nicht aufgezeichnet (Einstellungen), die Antwort ist älter, oder der Server lieferte keine Log-Wahrscheinlichkeiten.</translation></message>
</context>
</TS>