<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BackgroundOp</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/background.py" line="59"/>
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
        <location filename="../work/main/app/denkspur/gui/chat_session.py" line="292"/>
        <source>The chat settings could not be saved: %1</source>
        <translation>Die Einstellungen des Chats konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_session.py" line="300"/>
        <source>This server decides when its model stops thinking: the thinking budget and &apos;think longer&apos; apply to local models only.</source>
        <translation>Dieser Server entscheidet selbst, wann sein Modell aufhört zu denken: Das Denkbudget und „Länger denken“ gelten nur für lokale Modelle.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_session.py" line="272"/>
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
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="88"/>
        <source>Off by default: DeepSeek advises no system prompt for R1 models; put instructions in your question.</source>
        <translation>Standardmäßig aus: DeepSeek rät bei R1-Modellen von einem Systemprompt ab; schreib Anweisungen in deine Frage.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="90"/>
        <source>Temperature (R1: 0.6)</source>
        <translation>Temperatur (R1: 0,6)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="91"/>
        <source>Think longer (times)</source>
        <translation>Länger denken (Mal)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="91"/>
        <source>Thinking budget (tokens)</source>
        <translation>Denkbudget (Token)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="90"/>
        <source>Top-p (R1: 0.95)</source>
        <translation>Top-p (R1: 0,95)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="87"/>
        <source>Use a system prompt</source>
        <translation>Systemprompt verwenden</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="98"/>
        <source>Use the Preferences</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="96"/>
        <source>When the model ends its thinking, make it go on this many times</source>
        <translation>Wenn das Modell sein Denken beendet, so oft weiterdenken lassen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="95"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_settings.py" line="94"/>
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
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="329"/>
        <source>Ask something</source>
        <translation>Frag etwas</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="330"/>
        <source>Type below and press Ctrl+Enter. The model&apos;s reasoning appears in the trace panel on the right while it thinks.</source>
        <translation>Schreib unten und drück Strg+Enter. Das Denken des Modells erscheint rechts im Denkspur-Bereich, während es nachdenkt.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="335"/>
        <source>No model loaded yet</source>
        <translation>Noch kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="336"/>
        <source>Denkspur runs DeepSeek-R1 distills on this computer, offline. Download one from the catalog, or open a GGUF file you already have.</source>
        <translation>Denkspur führt DeepSeek-R1-Distillate auf diesem Rechner aus, offline. Lade eines aus dem Katalog oder öffne eine GGUF-Datei, die du schon hast.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="339"/>
        <source>Recommended for this machine: %1</source>
        <translation>Empfohlen für diesen Rechner: %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="365"/>
        <source>Show earlier messages (%1)</source>
        <translation>Frühere Nachrichten zeigen (%1)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="385"/>
        <source>Regenerate (keeps this version)</source>
        <translation>Neu erzeugen (diese Version bleibt erhalten)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="387"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="387"/>
        <source>Copy answer</source>
        <translation>Antwort kopieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="389"/>
        <source>Copy trace</source>
        <translation>Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="389"/>
        <source>Copy the reasoning trace</source>
        <translation>Die Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="394"/>
        <source>Edit and resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="401"/>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="403"/>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="409"/>
        <source>The engine failed.</source>
        <translation>Die Engine ist ausgefallen.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="411"/>
        <source>Restart engine</source>
        <translation>Engine neu starten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="419"/>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="418"/>
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
        <location filename="../work/main/app/denkspur/gui/clipboard.py" line="26"/>
        <location filename="../work/main/app/denkspur/gui/clipboard.py" line="31"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/clipboard.py" line="28"/>
        <source>Copied %1</source>
        <translation>Kopiert: %1</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/compare_dialog.py" line="98"/>
        <source>Both begin the same (%1 characters), then diverge below:</source>
        <translation>Beide beginnen gleich (%1 Zeichen) und gehen dann unten auseinander:</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/compare_dialog.py" line="41"/>
        <source>Compare traces</source>
        <translation>Denkspuren vergleichen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/compare_dialog.py" line="89"/>
        <source>%1 steps vs %2 steps, %3 aligned</source>
        <translation>%1 Schritte gegen %2 Schritte, %3 zugeordnet</translation>
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
        <location filename="../work/main/app/denkspur/gui/composer.py" line="77"/>
        <source>Answer if now?</source>
        <translation>Antwort jetzt?</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="94"/>
        <source>If it answered now (after %1 thinking tokens):</source>
        <translation>Würde es jetzt antworten (nach %1 Denk-Token):</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="78"/>
        <source>What would it answer now? A short side answer from the trace so far; the thinking goes on</source>
        <translation>Was würde es jetzt antworten? Eine kurze Nebenantwort aus der bisherigen Denkspur; das Denken geht weiter</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="74"/>
        <source>Ask the model… (Ctrl+Enter sends, Esc stops)</source>
        <translation>Frag das Modell… (Strg+Enter sendet, Esc stoppt)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="75"/>
        <source>Answer now</source>
        <translation>Jetzt antworten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="76"/>
        <source>End the reasoning here and make the model answer</source>
        <translation>Das Nachdenken hier beenden und das Modell antworten lassen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="80"/>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="84"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="80"/>
        <location filename="../work/main/app/denkspur/gui/composer.py" line="84"/>
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
    <name>ConfidencePane</name>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/confidence_view.py" line="435"/>
        <source>Background: how unsure the model was at each token (entropy of its next-token distribution; deeper = less sure). Bold underlined: forks. Hover a token for its five alternatives. Curve: mean log-probability over %1-token windows, the lowest tenth shaded red; the band below: each step&apos;s mean confidence.</source>
        <extracomment>Entropy (nats) at which a token&apos;s background is at its deepest. The share of windows shaded as the lowest (DeepConf&apos;s &quot;bottom 10 %&quot; group confidence).</extracomment>
        <translation>Hintergrund: wie unsicher das Modell bei jedem Token war (Entropie seiner Verteilung für das nächste Token; dunkler = unsicherer). Fett unterstrichen: Gabelungen. Zeige auf ein Token für seine fünf Alternativen. Kurve: mittlere Log-Wahrscheinlichkeit über Fenster von %1 Token, das unsicherste Zehntel rot schattiert; das Band darunter: die mittlere Sicherheit jedes Schritts.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/confidence_view.py" line="441"/>
        <source>No token signals for this reply: they were not recorded (Settings), the reply is older, or the server sent no log-probabilities.</source>
        <translation>Keine Token-Signale für diese Antwort: Sie wurden nicht aufgezeichnet (Einstellungen), die Antwort ist älter, oder der Server lieferte keine Log-Wahrscheinlichkeiten.</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="233"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="234"/>
        <source>Older</source>
        <translation>Älter</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="348"/>
        <source>Pin to the top</source>
        <translation>Oben anheften</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="230"/>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="347"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="222"/>
        <source>Search answers and traces… (Ctrl+F)</source>
        <translation>Antworten und Denkspuren durchsuchen… (Strg+F)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="224"/>
        <source>Start a new chat (Ctrl+N)</source>
        <translation>Neuen Chat beginnen (Strg+N)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="231"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="348"/>
        <source>Unpin</source>
        <translation>Nicht mehr anheften</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="232"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="223"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="269"/>
        <source>1 message</source>
        <translation>1 Nachricht</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="269"/>
        <source>%1 messages</source>
        <translation>%1 Nachrichten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="291"/>
        <source>trace</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="291"/>
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="300"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="350"/>
        <source>Export as Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="352"/>
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="355"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="359"/>
        <source>Delete “%1” with all its answers and traces?</source>
        <translation>„%1“ mit allen Antworten und Denkspuren löschen?</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/conversation_list.py" line="360"/>
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
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="142"/>
        <source>Articles</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="142"/>
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="142"/>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="143"/>
        <source>In Denkspur</source>
        <translation>In Denkspur</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="145"/>
        <source>Ask the model</source>
        <translation>Das Modell fragen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="146"/>
        <source>Send this claim to the loaded model as a new chat</source>
        <translation>Diese Behauptung als neuen Chat an das geladene Modell schicken</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="177"/>
        <source>Keep in mind</source>
        <translation>Beim Lesen beachten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="177"/>
        <source>Claims checked</source>
        <translation>Geprüfte Behauptungen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="193"/>
        <source>The article text is not part of Denkspur. Set a corpus folder (DENKSPUR_CORPUS) to read it here with the claims highlighted; the explanations stand on their own.</source>
        <translation>Der Artikeltext gehört nicht zu Denkspur. Lege einen Korpus-Ordner fest (DENKSPUR_CORPUS), um ihn hier mit markierten Behauptungen zu lesen; die Erklärungen sind auch ohne ihn verständlich.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="214"/>
        <source>This article&apos;s text differs from the one the explanations were written for; claims whose phrase is missing are not highlighted.</source>
        <translation>Der Text dieses Artikels weicht von dem ab, für den die Erklärungen geschrieben wurden; Behauptungen, deren Wortlaut fehlt, werden nicht markiert.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="229"/>
        <source>Click a highlighted phrase or a claim to see the verdict.</source>
        <translation>Klicke auf eine markierte Stelle oder eine Behauptung, um das Urteil zu sehen.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="232"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="254"/>
        <source>In the articles</source>
        <translation>In den Artikeln</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="277"/>
        <source>Best supported</source>
        <translation>Am besten belegt</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="278"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="278"/>
        <source>Stated in the article</source>
        <translation>Angabe im Artikel</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="148"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The article text is not part of Denkspur. Choose the folder with the articles in Preferences (or set DENKSPUR_CORPUS) to read it here with the claims highlighted; the explanations stand on their own.</source>
        <translation>Der Artikeltext ist nicht Teil von Denkspur. Wähle den Ordner mit den Artikeln in den Einstellungen (oder setze DENKSPUR_CORPUS), um ihn hier mit hervorgehobenen Behauptungen zu lesen; die Erklärungen stehen auch für sich.</translation>
    </message>
</context>
<context>
    <name>EntryCard</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="79"/>
        <source>needs about %1 GB</source>
        <translation>braucht etwa %1 GB</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="87"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="90"/>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="93"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="122"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="122"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="132"/>
        <source>, %1 s left</source>
        <translation>, noch %1 s</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="133"/>
        <source>%1 of %2 MB, %3 MB/s</source>
        <translation>%1 von %2 MB, %3 MB/s</translation>
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
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="126"/>
        <source>About Denkspur</source>
        <translation>Über Denkspur</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="80"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="185"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="171"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="54"/>
        <source>From the search box to the hits</source>
        <translation>Vom Suchfeld zu den Treffern</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="75"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="81"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="50"/>
        <source>Leave the message box</source>
        <translation>Eingabefeld verlassen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="141"/>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="166"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="52"/>
        <source>Open the selected conversation</source>
        <translation>Gewählten Chat öffnen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="53"/>
        <source>Rename the selected conversation</source>
        <translation>Gewählten Chat umbenennen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="137"/>
        <source>See how DeepSeek-R1 models think: the answer, and beside it the reasoning trace, on your own computer.</source>
        <translation>Sieh, wie DeepSeek-R1-Modelle denken: die Antwort und daneben die Denkspur, auf deinem eigenen Rechner.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="48"/>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="49"/>
        <source>Stop the answer</source>
        <translation>Antwort anhalten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="51"/>
        <source>Type a tab in the message box</source>
        <translation>Tabulator ins Eingabefeld schreiben</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="158"/>
        <source>Where Denkspur keeps its files</source>
        <translation>Wo Denkspur seine Dateien ablegt</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="132"/>
        <source>llama.cpp: %1</source>
        <translation>llama.cpp: %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="105"/>
        <source>not started yet</source>
        <translation>noch nicht gestartet</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/help_dialogs.py" line="107"/>
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
        <location filename="../work/main/app/denkspur/gui/long_answer.py" line="49"/>
        <source>Show formatted</source>
        <extracomment>Answers longer than this (characters) are shown as plain text. A line with more cells than this is a table too wide to format on the GUI thread. Largest answer that &quot;Show formatted&quot; renders.</extracomment>
        <translation>Formatiert anzeigen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="267"/>
        <source>Chat settings</source>
        <translation>Chat-Einstellungen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="266"/>
        <source>This chat&apos;s settings</source>
        <translation>Einstellungen dieses Chats</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="308"/>
        <source>Continuing differently needs a local model and no reply being written.</source>
        <translation>Anders weiterdenken geht nur mit einem lokalen Modell und wenn gerade keine Antwort entsteht.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="315"/>
        <source>Some replies could not be saved and exist only in this window. Quit anyway and lose them? (Cancel, then Retry save or Export…)</source>
        <translation>Einige Antworten konnten nicht gespeichert werden und gibt es nur in diesem Fenster. Trotzdem beenden und sie verlieren? (Abbrechen, dann „Erneut speichern“ oder „Exportieren…“)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="259"/>
        <source>Open a GGUF model file…</source>
        <translation>GGUF-Modelldatei öffnen…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="260"/>
        <source>Browse and download models…</source>
        <translation>Modelle ansehen und herunterladen…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="59"/>
        <source>Open model file</source>
        <translation>Modelldatei öffnen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="61"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="78"/>
        <source>DeepSeek-R1 in the news</source>
        <translation>DeepSeek-R1 in den Nachrichten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="90"/>
        <source>Load a model first to ask it (File → Models…).</source>
        <translation>Lade zuerst ein Modell, um es zu fragen (Datei → Modelle…).</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="95"/>
        <source>The model is still answering; stop it or wait.</source>
        <translation>Das Modell antwortet noch; stoppe es oder warte.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="110"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="324"/>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="183"/>
        <source>Reply %1, version %2 (%3)</source>
        <translation>Antwort %1, Version %2 (%3)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="191"/>
        <source>Compare traces</source>
        <translation>Denkspuren vergleichen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="192"/>
        <source>Regenerate an answer (⟳) to get a second trace to compare.</source>
        <translation>Erzeuge eine Antwort neu (⟳), um eine zweite Denkspur zum Vergleichen zu bekommen.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="208"/>
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_actions.py" line="221"/>
        <source>Import conversation</source>
        <translation>Unterhaltung importieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="352"/>
        <source>Open a model first (File → Open model file…).</source>
        <translation>Öffne zuerst ein Modell (Datei → Modelldatei öffnen…).</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="444"/>
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="452"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="454"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="457"/>
        <source>context %1</source>
        <translation>Kontext %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/main_window.py" line="459"/>
        <source>server %1</source>
        <translation>Server %1</translation>
    </message>
</context>
<context>
    <name>MapBar</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/map_bar.py" line="64"/>
        <source>All sentences</source>
        <extracomment>Stored traces longer than this are not split into sentences when shown (it would take the GUI thread too long); the map stays empty for them.</extracomment>
        <translation>Alle Sätze</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/map_bar.py" line="65"/>
        <source>Only backtracks</source>
        <translation>Nur Rückschritte</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/map_bar.py" line="66"/>
        <source>Only checks</source>
        <translation>Nur Prüfungen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/map_bar.py" line="67"/>
        <source>Only conclusions</source>
        <translation>Nur Schlüsse</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/map_bar.py" line="75"/>
        <source>The model seems to be going in circles: Answer now makes it answer from what it has.</source>
        <translation>Das Modell scheint sich im Kreis zu drehen: „Jetzt antworten“ lässt es mit dem bisher Gedachten antworten.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/map_bar.py" line="77"/>
        <source>The model seems to be going in circles: Stop ends the reply.</source>
        <translation>Das Modell scheint sich im Kreis zu drehen: „Stopp“ beendet die Antwort.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/map_bar.py" line="125"/>
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
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="170"/>
        <source>continued version %1 differently after %2 characters of its trace</source>
        <translation>Version %1 nach %2 Zeichen ihrer Denkspur anders fortgesetzt</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="156"/>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="180"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="197"/>
        <source>LaTeX: %1</source>
        <translation>LaTeX: %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="173"/>
        <source>budget %1 tokens</source>
        <translation>Budget %1 Token</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="206"/>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="206"/>
        <source>code (%1)</source>
        <translation>Code (%1)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="174"/>
        <source>thinking cut at the budget (%1 tokens)</source>
        <translation>Denken am Budget abgebrochen (%1 Token)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="154"/>
        <source>You</source>
        <extracomment>A streaming answer is re-rendered at most this often (each render lays out the whole label). Messages shown at once; &quot;show earlier&quot; adds this many more. One style sheet for all cards (set once on the chat, not per card: parsing a style sheet per widget made long conversations slow to open).</extracomment>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="159"/>
        <source>generating…</source>
        <translation>wird erzeugt…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="160"/>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="161"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="162"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="167"/>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="182"/>
        <source>(no answer yet: the model was still thinking)</source>
        <translation>(noch keine Antwort: das Modell dachte noch nach)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="213"/>
        <source>thinking…</source>
        <translation>denkt nach…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="224"/>
        <location filename="../work/main/app/denkspur/gui/chat_view.py" line="232"/>
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
    <name>ModelManager</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="261"/>
        <source>Filter: name, size or quantization (e.g. 7b q4)</source>
        <translation>Filter: Name, Größe oder Quantisierung (z. B. 7b q4)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="375"/>
        <source>Installed; no checksum from the Hub (its sha256 was computed here, not checked).</source>
        <translation>Installiert; der Hub nannte keine Prüfsumme (sha256 hier berechnet, nicht geprüft).</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="238"/>
        <source>Too big: needs about %1 GB, this machine has %2 GB of memory.</source>
        <translation>Zu groß: braucht etwa %1 GB, dieser Rechner hat %2 GB Arbeitsspeicher.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="164"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="176"/>
        <source>Import a GGUF file…</source>
        <translation>GGUF-Datei importieren…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="249"/>
        <source>no GPU</source>
        <translation>keine GPU</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="250"/>
        <source>GPU offload available</source>
        <translation>GPU-Auslagerung möglich</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="250"/>
        <source>CPU build of llama.cpp</source>
        <translation>CPU-Build von llama.cpp</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="253"/>
        <source>This machine: %1 GB RAM, %2, %3. Recommended: %4</source>
        <translation>Dieser Rechner: %1 GB RAM, %2, %3. Empfohlen: %4</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="326"/>
        <source>load</source>
        <translation>laden</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="329"/>
        <source>remove</source>
        <translation>entfernen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="305"/>
        <source>Imported models</source>
        <translation>Importierte Modelle</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="370"/>
        <source>Cancelled. “Resume” continues where it stopped.</source>
        <translation>Abgebrochen. „Fortsetzen“ macht dort weiter, wo es aufgehört hat.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="378"/>
        <source>Installed and verified (sha256).</source>
        <translation>Installiert und geprüft (sha256).</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="392"/>
        <source>Delete %1 and free %2 GB?</source>
        <translation>%1 löschen und %2 GB freigeben?</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="393"/>
        <source>Remove %1 from the list? (The file itself stays.)</source>
        <translation>%1 aus der Liste entfernen? (Die Datei selbst bleibt.)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="395"/>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="413"/>
        <source>Cannot import %1: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="416"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="422"/>
        <source>Import a GGUF file</source>
        <translation>GGUF-Datei importieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="423"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="175"/>
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
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="80"/>
        <source>Browse and download models…</source>
        <translation>Modelle ansehen und herunterladen…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="60"/>
        <source>Choose a model</source>
        <translation>Modell wählen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="81"/>
        <source>Connect to a server…</source>
        <translation>Mit einem Server verbinden…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="58"/>
        <source>Loading %1…</source>
        <extracomment>How many recently loaded models the picker lists.</extracomment>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="65"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="79"/>
        <source>Open a GGUF file…</source>
        <translation>GGUF-Datei öffnen…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="71"/>
        <source>Recent models</source>
        <translation>Zuletzt verwendete Modelle</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="64"/>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_picker.py" line="65"/>
        <source>Switch model (Ctrl+P)</source>
        <translation>Modell wechseln (Strg+P)</translation>
    </message>
</context>
<context>
    <name>ReasoningFunction</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/function_style.py" line="31"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/function_style.py" line="29"/>
        <source>Computation</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/function_style.py" line="30"/>
        <source>Doubt / backtrack</source>
        <translation>Zweifel / Umkehr</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/function_style.py" line="28"/>
        <source>Fact</source>
        <translation>Fakt</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/function_style.py" line="33"/>
        <source>Final answer</source>
        <translation>Endgültige Antwort</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/function_style.py" line="27"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/function_style.py" line="26"/>
        <source>Problem setup</source>
        <extracomment>Colour per function; doubt warm, checks green, conclusions blue, groundwork greys/teals.</extracomment>
        <translation>Problemstellung</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/function_style.py" line="32"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>RemoteDialog</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="61"/>
        <source>Detect: the reply holds a trace only if the server marks one (a reasoning field or think tags). Choose the template option for a reasoning model whose server opens the trace in the prompt, and &apos;no reasoning&apos; for a model that does not think.</source>
        <translation>Erkennen: Die Antwort enthält nur dann eine Denkspur, wenn der Server sie kennzeichnet (ein Reasoning-Feld oder Think-Tags). Wähle die Template-Option für ein denkendes Modell, dessen Server die Denkspur im Prompt öffnet, und „kein Denken“ für ein Modell, das nicht denkt.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="79"/>
        <source>Reasoning</source>
        <translation>Denken</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="54"/>
        <source>detect from the reply</source>
        <translation>aus der Antwort erkennen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="56"/>
        <source>no reasoning: the content is the answer</source>
        <translation>kein Denken: der Inhalt ist die Antwort</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="55"/>
        <source>trace opened by the server&apos;s template</source>
        <translation>Denkspur vom Template des Servers geöffnet</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="36"/>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="42"/>
        <source>stored in the system keyring, never in settings files</source>
        <translation>wird im Schlüsselbund des Systems gespeichert, nie in Einstellungsdateien</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="46"/>
        <source>Verify TLS certificates</source>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="65"/>
        <source>List models</source>
        <translation>Modelle auflisten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="70"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="74"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="75"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="76"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="78"/>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="115"/>
        <source>%1 model(s) on the server</source>
        <translation>%1 Modell(e) auf dem Server</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="143"/>
        <source>The key could not be stored (%1); it is used for this session only.</source>
        <translation>Der Schlüssel konnte nicht gespeichert werden (%1); er gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/remote_dialog.py" line="100"/>
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
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="80"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="64"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="63"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="63"/>
        <source>Like the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="40"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="43"/>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="48"/>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="81"/>
        <source>Token signals</source>
        <translation>Token-Signale</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="98"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="97"/>
        <source>automatic (as many as fit)</source>
        <translation>automatisch (so viele wie passen)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="99"/>
        <source>this many:</source>
        <translation>so viele:</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="104"/>
        <source>none (CPU)</source>
        <translation>keine (CPU)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="54"/>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="57"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="67"/>
        <source>Record how sure the model is at each token</source>
        <translation>Festhalten, wie sicher sich das Modell bei jedem Token ist</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="68"/>
        <source>For the trace panel&apos;s confidence view; costs a few percent of the decoding speed</source>
        <translation>Für die Sicherheitsansicht der Denkspur; kostet einige Prozent der Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="72"/>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="90"/>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="73"/>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="74"/>
        <source>Context size (tokens)</source>
        <translation>Kontextgröße (Token)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="75"/>
        <source>Temperature (R1: 0.6)</source>
        <translation>Temperatur (R1: 0,6)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="76"/>
        <source>Top-p (R1: 0.95)</source>
        <translation>Top-p (R1: 0,95)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="77"/>
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="78"/>
        <source>Thinking budget (tokens)</source>
        <translation>Denkbudget (Token)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/settings_dialog.py" line="79"/>
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
        <location filename="../work/main/app/denkspur/gui/step_style.py" line="28"/>
        <source>Reasoning</source>
        <translation>Überlegung</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/step_style.py" line="29"/>
        <source>Self-correction</source>
        <translation>Selbstkorrektur</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/step_style.py" line="30"/>
        <source>Alternative</source>
        <translation>Alternative</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/step_style.py" line="31"/>
        <source>Verification</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/step_style.py" line="32"/>
        <source>Conclusion</source>
        <translation>Schluss</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="363"/>
        <source>Steer the reasoning</source>
        <translation>Das Denken lenken</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="364"/>
        <source>Your note, inserted into the trace here (it is marked as yours):</source>
        <translation>Ihre Notiz, hier in die Denkspur eingefügt (als Ihre gekennzeichnet):</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="365"/>
        <source>Wait, </source>
        <translation>Moment, </translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="209"/>
        <source>Still thinking</source>
        <translation>Denkt noch nach</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="211"/>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="328"/>
        <source>Thought for %1</source>
        <translation>%1 nachgedacht</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="214"/>
        <source>stopped while answering</source>
        <translation>beim Antworten angehalten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="150"/>
        <source>↓ Jump to live</source>
        <translation>↓ Zum aktuellen Text</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="146"/>
        <source>Copy trace</source>
        <extracomment>Step items added to the list per event-loop turn. &quot;Continue differently from here&quot;: version id, trace offset, the user&apos;s note (&quot;&quot; for none). Where the reasoning map (a strip over the whole trace) goes.</extracomment>
        <translation>Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="147"/>
        <source>Copy the whole reasoning trace</source>
        <translation>Die ganze Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="148"/>
        <source>Confidence</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="149"/>
        <source>Show how sure the model was at each token of the trace</source>
        <translation>Zeigen, wie sicher sich das Modell bei jedem Token der Denkspur war</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="173"/>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="212"/>
        <source>Reasoning trace</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="175"/>
        <source>Select an answer to see how the model reached it.</source>
        <translation>Wähle eine Antwort, um zu sehen, wie das Modell zu ihr kam.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="176"/>
        <source>This answer has no reasoning trace.</source>
        <translation>Diese Antwort hat keine Denkspur.</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="208"/>
        <source>Reply limit reached while thinking (raise it in Preferences)</source>
        <translation>Antwortlimit erreicht, während es noch dachte (in den Einstellungen erhöhen)</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="209"/>
        <source>Stopped while thinking</source>
        <translation>Beim Nachdenken angehalten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="224"/>
        <source>1 step</source>
        <translation>1 Schritt</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="224"/>
        <source>%1 steps</source>
        <translation>%1 Schritte</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="225"/>
        <source>1 self-correction</source>
        <translation>1 Selbstkorrektur</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="225"/>
        <source>%1 self-corrections</source>
        <translation>%1 Selbstkorrekturen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="226"/>
        <source>1 trace token</source>
        <translation>1 Denk-Token</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="226"/>
        <source>%1 trace tokens</source>
        <translation>%1 Denk-Token</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="229"/>
        <source>1 answer token</source>
        <translation>1 Antwort-Token</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="230"/>
        <source>%1 answer tokens</source>
        <translation>%1 Antwort-Token</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="233"/>
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_panel.py" line="332"/>
        <source>Thinking… %1 s, %2 tokens</source>
        <translation>Denkt nach… %1 s, %2 Token</translation>
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
        <location filename="../work/main/app/denkspur/gui/trace_view.py" line="66"/>
        <source>Your note, inserted to steer the model</source>
        <extracomment>Longest line laid out as one paragraph; longer lines get display-only breaks. Characters inserted per event-loop turn (bounds the time of one GUI update). Below this viewport width the gutter shows icons only. Backgrounds of text the model did not write (kinds as in the reply&apos;s &quot;interventions&quot;).</extracomment>
        <translation>Deine Notiz, eingefügt, um das Modell zu lenken</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_view.py" line="67"/>
        <source>Written in by Denkspur: Answer now ended the thinking here</source>
        <translation>Von Denkspur eingefügt: „Jetzt antworten“ hat das Denken hier beendet</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_view.py" line="69"/>
        <source>Written in by Denkspur: the thinking budget ended the thinking here</source>
        <translation>Von Denkspur eingefügt: Das Denkbudget hat das Denken hier beendet</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/trace_view.py" line="71"/>
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
        <location filename="../work/main/app/denkspur/gui/unsaved_bar.py" line="26"/>
        <source>Retry save</source>
        <translation>Erneut speichern</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/unsaved_bar.py" line="29"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message numerus="yes">
        <location filename="../work/main/app/denkspur/gui/unsaved_bar.py" line="43"/>
        <source>%n reply(s) could not be saved and are kept in memory only.</source>
        <translation>
            <numerusform>%n Antwort konnte nicht gespeichert werden und ist nur im Arbeitsspeicher.</numerusform>
            <numerusform>%n Antworten konnten nicht gespeichert werden und sind nur im Arbeitsspeicher.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/unsaved_bar.py" line="45"/>
        <source>The disk said: %1</source>
        <translation>Meldung des Datenträgers: %1</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="43"/>
        <source>correct</source>
        <translation>korrekt</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="44"/>
        <source>misleading</source>
        <translation>irreführend</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="45"/>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/corpus_panel.py" line="46"/>
        <source>unverifiable</source>
        <translation>nicht überprüfbar</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="57"/>
        <source>runs fully on the GPU</source>
        <translation>läuft ganz auf der GPU</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="58"/>
        <source>partly on the GPU</source>
        <translation>teilweise auf der GPU</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="59"/>
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/model_manager.py" line="60"/>
        <source>too big for this machine</source>
        <translation>zu groß für diesen Rechner</translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="60"/>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="67"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="70"/>
        <source>About Denkspur…</source>
        <translation>Über Denkspur…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="63"/>
        <source>Answer now</source>
        <translation>Jetzt antworten</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="111"/>
        <source>Conversations</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="65"/>
        <source>Go to the message box</source>
        <translation>Zum Eingabefeld</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="68"/>
        <source>Keyboard shortcuts…</source>
        <translation>Tastenkürzel…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="113"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="61"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="64"/>
        <source>Regenerate the last answer</source>
        <translation>Letzte Antwort neu erzeugen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="62"/>
        <source>Search conversations…</source>
        <translation>Chats durchsuchen…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="112"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="66"/>
        <source>Switch model…</source>
        <translation>Modell wechseln…</translation>
    </message>
    <message>
        <location filename="../work/main/app/denkspur/gui/window_keys.py" line="69"/>
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
    <name>ReasoningMap</name>
    <message>
        <source>confidence %1 per token (mean log-probability %2)</source>
        <translation>Sicherheit %1 pro Token (mittlere Log-Wahrscheinlichkeit %2)</translation>
    </message>
    <message>
        <source>among the least sure tenth of the trace</source>
        <translation>unter dem unsichersten Zehntel der Denkspur</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <source>The inference engine failed</source>
        <translation>Die Inferenz-Engine ist ausgefallen</translation>
    </message>
    <message>
        <source>The model could not be loaded</source>
        <translation>Das Modell konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>The model file or its chat template cannot be used</source>
        <translation>Die Modelldatei oder ihre Chat-Vorlage ist nicht verwendbar</translation>
    </message>
    <message>
        <source>The conversation does not fit the context</source>
        <translation>Das Gespräch passt nicht in den Kontext</translation>
    </message>
    <message>
        <source>This context size does not fit this computer&apos;s memory</source>
        <translation>Diese Kontextgröße passt nicht in den Speicher dieses Computers</translation>
    </message>
    <message>
        <source>The request was refused</source>
        <translation>Die Anfrage wurde abgelehnt</translation>
    </message>
    <message>
        <source>Something went wrong inside Denkspur</source>
        <translation>In Denkspur ist etwas schiefgegangen</translation>
    </message>
    <message>
        <source>The engine was stopped (most likely for lack of memory)</source>
        <translation>Die Engine wurde beendet (vermutlich aus Speichermangel)</translation>
    </message>
    <message>
        <source>The engine crashed</source>
        <translation>Die Engine ist abgestürzt</translation>
    </message>
    <message>
        <source>The engine exited unexpectedly</source>
        <translation>Die Engine hat sich unerwartet beendet</translation>
    </message>
    <message>
        <source>The engine stopped responding</source>
        <translation>Die Engine reagiert nicht mehr</translation>
    </message>
    <message>
        <source>The server cannot be reached</source>
        <translation>Der Server ist nicht erreichbar</translation>
    </message>
    <message>
        <source>The server took too long</source>
        <translation>Der Server hat zu lange gebraucht</translation>
    </message>
    <message>
        <source>The server refused the API key</source>
        <translation>Der Server hat den API-Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>Not found on the server (address or model)</source>
        <translation>Auf dem Server nicht gefunden (Adresse oder Modell)</translation>
    </message>
    <message>
        <source>The server is limiting requests</source>
        <translation>Der Server begrenzt die Anfragen</translation>
    </message>
    <message>
        <source>The server reported a failure</source>
        <translation>Der Server hat einen Fehler gemeldet</translation>
    </message>
    <message>
        <source>The server sent something unreadable</source>
        <translation>Der Server hat Unlesbares gesendet</translation>
    </message>
    <message>
        <source>The connection broke mid-answer</source>
        <translation>Die Verbindung brach mitten in der Antwort ab</translation>
    </message>
    <message>
        <source>The server&apos;s reply was too large</source>
        <translation>Die Antwort des Servers war zu groß</translation>
    </message>
    <message>
        <source>This server cannot continue a reply</source>
        <translation>Dieser Server kann keine Antwort fortsetzen</translation>
    </message>
    <message>
        <source>The API key could not be stored</source>
        <translation>Der API-Schlüssel konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>The reply failed</source>
        <translation>Die Antwort ist fehlgeschlagen</translation>
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
    <name>ConfidenceView</name>
    <message>
        <source>%1: probability %2 (log %3), entropy %4 nats</source>
        <translation>%1: Wahrscheinlichkeit %2 (log %3), Entropie %4 nats</translation>
    </message>
    <message>
        <source>a fork</source>
        <translation>eine Gabelung</translation>
    </message>
</context>
<context>
    <name>YourFiles</name>
    <message>
        <source>Your GGUF files</source>
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
</TS>
