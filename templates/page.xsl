<?xml version="1.0" encoding="UTF-8"?>
<!-- page.xsl: the layout of kaohe serve's pages — a page document
     (urn:kaohe:page:1: <page kind= heading= user= display= role= csrf=
     path= lang= today=> and one content element) as one polyglot HTML5
     page: a header with the site's name, the navigation, the user's name
     and role and a logout form carrying the CSRF token; the content; a
     footer.  Stylesheets for the pages import this one and add templates
     in mode "body" for their content elements (pages.xsl; the login and
     account pages likewise).  Words come from words.xml (groups page and
     role).  Never emits a script, an outside link or unescaped data.
     Parameter: lang (zh|en). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:p="urn:kaohe:page:1"
    xmlns:w="urn:kaohe:words:1"
    exclude-result-prefixes="p w">

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>
  <xsl:param name="lang" select="'zh'"/>
  <xsl:variable name="PL">
    <xsl:choose>
      <xsl:when test="$lang = 'en'">en</xsl:when>
      <xsl:otherwise>zh</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="PWORDS" select="document('words.xml')/w:words/w:group"/>

  <!-- A word of the page group. -->
  <xsl:template name="pw">
    <xsl:param name="k"/>
    <xsl:call-template name="pword">
      <xsl:with-param name="group" select="'page'"/>
      <xsl:with-param name="code" select="$k"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The word for a code of any group, or the code itself. -->
  <xsl:template name="pword">
    <xsl:param name="group"/>
    <xsl:param name="code"/>
    <xsl:variable name="w" select="$PWORDS[@name = $group]/w:w[@k = $code]/@*[local-name() = $PL]"/>
    <xsl:choose>
      <xsl:when test="string-length($w) &gt; 0"><xsl:value-of select="$w"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A value, or a dash. -->
  <xsl:template name="pdash">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string-length($v) &gt; 0"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The hidden CSRF field every form carries. -->
  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/p:page/@csrf}"/>
  </xsl:template>

  <xsl:template name="page-css">
    <xsl:text>
:root { --fg: #1d2329; --muted: #5b6670; --bg: #ffffff; --panel: #f3f5f7; --line: #d5dbe0;
        --accent: #0b5cad; --bad: #b3261e; --good: #1b6e37; --warn: #8a5a00; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ec; --muted: #9aa5b0; --bg: #14181c; --panel: #1e242a; --line: #36404a;
          --accent: #7fb4ff; --bad: #ff8a80; --good: #7ddc9a; --warn: #f0c060; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: var(--fg); background: var(--bg); }
header.site { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; align-items: center;
              padding: 0.6em 1.5em; background: var(--panel); border-bottom: 1px solid var(--line); }
header.site .brand { font-weight: 700; }
header.site nav a { margin-right: 1em; }
header.site .who { margin-left: auto; color: var(--muted); }
header.site form { display: inline; margin: 0; }
main { padding: 1em 1.5em 2em; max-width: 80em; }
h1 { font-size: 1.5em; margin: 0.2em 0 0.6em; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.5em; border-bottom: 1px solid var(--line); padding-bottom: 0.2em; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }
th, td { border: 1px solid var(--line); padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.status-late, .status-fail, .report-missing { color: var(--bad); font-weight: 600; }
.status-done, .status-pass, .report-received { color: var(--good); }
.status-open, .report-open, .state-proposed { color: var(--warn); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0 0 1em; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
form.box { background: var(--panel); border: 1px solid var(--line); padding: 0.8em 1em; margin: 0.5em 0 1.2em; }
form.inline { display: inline; margin: 0; }
label { display: block; margin: 0.3em 0; }
input[type=text], input[type=number], textarea, select { font: inherit; padding: 0.2em 0.4em; max-width: 100%; }
textarea { width: 100%; min-height: 3em; }
button { font: inherit; padding: 0.25em 0.9em; cursor: pointer; }
.message { padding: 1em; border: 1px solid var(--line); background: var(--panel); }
footer { padding: 1em 1.5em; color: var(--muted); font-size: 0.85em; border-top: 1px solid var(--line); }
@media print { header.site nav, header.site form, form { display: none; } thead { display: table-header-group; } }
@page { size: A4; margin: 15mm; }
</xsl:text>
  </xsl:template>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <xsl:apply-templates select="p:page"/>
  </xsl:template>

  <xsl:template match="/*" priority="-1">
    <xsl:message terminate="yes">kaohe: not a page document (urn:kaohe:page:1)</xsl:message>
  </xsl:template>

  <xsl:template match="p:page">
    <xsl:variable name="html-lang">
      <xsl:choose>
        <xsl:when test="$PL = 'en'">en</xsl:when>
        <xsl:otherwise>zh-CN</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="kind-word">
      <xsl:call-template name="pw"><xsl:with-param name="k" select="@kind"/></xsl:call-template>
    </xsl:variable>
    <html lang="{$html-lang}" xml:lang="{$html-lang}">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title>
          <xsl:value-of select="$kind-word"/>
          <xsl:if test="string-length(@heading) &gt; 0"><xsl:value-of select="concat(' · ', @heading)"/></xsl:if>
          <xsl:text> · kaohe</xsl:text>
        </title>
        <style><xsl:call-template name="page-css"/></style>
      </head>
      <body class="page-{@kind}">
        <header class="site">
          <span class="brand"><xsl:call-template name="pw"><xsl:with-param name="k" select="'brand'"/></xsl:call-template></span>
          <xsl:if test="@user">
            <nav>
              <a href="/"><xsl:call-template name="pw"><xsl:with-param name="k" select="'dashboard'"/></xsl:call-template></a>
              <a href="/submissions"><xsl:call-template name="pw"><xsl:with-param name="k" select="'submissions'"/></xsl:call-template></a>
              <a href="/account"><xsl:call-template name="pw"><xsl:with-param name="k" select="'account'"/></xsl:call-template></a>
            </nav>
            <span class="who">
              <span class="user-name"><xsl:value-of select="@display"/></span>
              <xsl:text> · </xsl:text>
              <span class="user-role"><xsl:call-template name="pword"><xsl:with-param name="group" select="'role'"/><xsl:with-param name="code" select="@role"/></xsl:call-template></span>
            </span>
            <form method="post" action="/logout" class="logout">
              <xsl:call-template name="csrf"/>
              <button type="submit"><xsl:call-template name="pw"><xsl:with-param name="k" select="'logout'"/></xsl:call-template></button>
            </form>
          </xsl:if>
        </header>
        <main>
          <h1>
            <xsl:choose>
              <xsl:when test="string-length(@heading) &gt; 0"><xsl:value-of select="@heading"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$kind-word"/></xsl:otherwise>
            </xsl:choose>
          </h1>
          <xsl:apply-templates select="*" mode="body"/>
        </main>
        <footer><xsl:call-template name="pw"><xsl:with-param name="k" select="'footer'"/></xsl:call-template></footer>
      </body>
    </html>
  </xsl:template>

  <!-- A message page: <message code= status= back=/>. -->
  <xsl:template match="p:message" mode="body">
    <p class="message" role="alert">
      <xsl:call-template name="pw"><xsl:with-param name="k" select="concat('msg-', @code)"/></xsl:call-template>
    </p>
    <xsl:if test="@back">
      <p><a href="{@back}"><xsl:call-template name="pw"><xsl:with-param name="k" select="'back'"/></xsl:call-template></a></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="body" priority="-1"/>

</xsl:stylesheet>
