<?xml version="1.0" encoding="UTF-8"?>
<!-- scoresheet.xsl: the scorecard XML (urn:kaohe:scorecard:1) as the
     assessment panel's 考核评分表 — one A4 print form: header, one row per
     indicator grouped by category with subtotals, the total and grade, a
     line per panel member to sign and date, the insurer's confirmation.
     It first builds the sheet as rows (urn:kaohe:scoresheet:1, every cell
     decided here, once), then draws them as polyglot HTML5; with
     view=rows it writes the rows themselves, which the XLSX writer
     (src/render/render-scoresheet-xlsx.c) lays out, so both say the same.
     Never emits a script, a link outside the page, or an empty non-void
     HTML element.  Tolerant of older scorecards: every issue-16 element and
     attribute is optional (no categories: one group; no criterion: words
     for the method or the target; no marks: blank member lines).
     Parameters: lang (zh|en), blank (yes: manual items left for the panel
     to fill in by hand), view (html|rows). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:sc="urn:kaohe:scorecard:1"
    xmlns:ss="urn:kaohe:scoresheet:1"
    xmlns:m="urn:kaohe:messages"
    xmlns:w="urn:kaohe:words:1"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="sc ss m w exsl">

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <xsl:param name="lang" select="'zh'"/>
  <xsl:param name="blank" select="'no'"/>
  <xsl:param name="view" select="'html'"/>
  <xsl:variable name="L">
    <xsl:choose>
      <xsl:when test="starts-with($lang, 'en')">en</xsl:when>
      <xsl:otherwise>zh</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="B" select="$blank = 'yes'"/>
  <xsl:variable name="sep">
    <xsl:choose>
      <xsl:when test="$L = 'en'">; </xsl:when>
      <xsl:otherwise>；</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="colon">
    <xsl:choose>
      <xsl:when test="$L = 'en'">: </xsl:when>
      <xsl:otherwise>：</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The message catalogue: one m:m per text, zh and en.  Keys with a
       dot (method.linear, level.city, how.mean) are fallbacks for codes
       that templates/words.xml does not name (yet). -->
  <xsl:variable name="catalogue">
    <m:m k="sheet" zh="考核评分表" en="Assessment score sheet"/>
    <m:m k="contract" zh="合同" en="Contract"/>
    <m:m k="version" zh="版本" en="version"/>
    <m:m k="insurer" zh="承办机构" en="Insurer"/>
    <m:m k="purchaser" zh="采购方" en="Purchaser"/>
    <m:m k="period" zh="考核期" en="Period"/>
    <m:m k="as-of" zh="评价基准日" en="As of"/>
    <m:m k="level" zh="考核层级" en="Level"/>
    <m:m k="col-no" zh="序号" en="No."/>
    <m:m k="col-item" zh="考核项目" en="Item"/>
    <m:m k="col-content" zh="考核内容" en="What is assessed"/>
    <m:m k="col-points" zh="分值" en="Points"/>
    <m:m k="col-criterion" zh="评分标准" en="Scoring rule"/>
    <m:m k="col-deducted" zh="扣分" en="Deducted"/>
    <m:m k="col-awarded" zh="得分" en="Awarded"/>
    <m:m k="col-reason" zh="扣分原因/依据" en="Reason / basis"/>
    <m:m k="points-unit" zh="分" en=" points"/>
    <m:m k="subtotal" zh="小计" en="Subtotal"/>
    <m:m k="total" zh="合计" en="Total"/>
    <m:m k="grade" zh="等级" en="Grade"/>
    <m:m k="other" zh="其他" en="Other"/>
    <m:m k="vetoed" zh="一票否决，本类不得分" en="vetoed: the category earns nothing"/>
    <m:m k="vetoed-all" zh="一票否决：本次考核不合格，不论得分" en="Vetoed: the assessment fails whatever the points"/>
    <m:m k="veto-fail" zh="触发一票否决" en="veto triggered"/>
    <m:m k="pending" zh="待评：尚无评分" en="pending: no mark yet"/>
    <m:m k="pending-note" zh="待评项目（尚无评分，未计入得分）：" en="Pending items (no mark yet, not counted in the score): "/>
    <m:m k="na" zh="不适用，不计入总分" en="not applicable, left out of the total"/>
    <m:m k="basis" zh="依据" en="Basis"/>
    <m:m k="override" zh="系统计算得分" en="computed score"/>
    <m:m k="override-by" zh="，以考核小组评分为准" en=", replaced by the panel's mark"/>
    <m:m k="members-n" zh="人" en=" members"/>
    <m:m k="trimmed" zh="去掉一个最高分和一个最低分" en="highest and lowest dropped"/>
    <m:m k="levels" zh="各级评分：" en="Scores by level: "/>
    <m:m k="final" zh="最终采用" en="final: "/>
    <m:m k="differences" zh="各级评分差异" en="Differences between levels"/>
    <m:m k="diff-from" zh="评分一" en="Score"/>
    <m:m k="diff-to" zh="评分二" en="Score"/>
    <m:m k="diff-delta" zh="差值" en="Difference"/>
    <m:m k="default" zh="（默认）" en=" (default)"/>
    <m:m k="default-legend" zh="标注“（默认）”的分值不是合同原文给出的，而是模板在合同留给采购方决定之处设定的默认值，以采购方的考核方案为准。" en="Points marked “(default)” are not in the contract's text: the template set them where the contract leaves them to the purchaser; the purchaser's assessment plan prevails."/>
    <m:m k="blank-note" zh="空白评分表：系统计算的项目已填写；人工评分项目的扣分、得分和扣分原因由考核小组成员填写。" en="Blank sheet: computed items are filled in; the panel members fill in the deduction, score and reason of each manual item."/>
    <m:m k="signatures" zh="考核小组成员签字" en="Panel members' signatures"/>
    <m:m k="member" zh="评分人" en="Member"/>
    <m:m k="sign" zh="签字" en="Signature"/>
    <m:m k="date" zh="日期" en="Date"/>
    <m:m k="date-blank" zh="　　　　年　　月　　日" en="____ / __ / __"/>
    <m:m k="confirm" zh="承办机构确认" en="Confirmed by the insurer"/>
    <m:m k="seal" zh="（盖章）" en="(seal)"/>
    <m:m k="responsible" zh="负责人签字" en="Signed by"/>
    <m:m k="footer" zh="由 kaohe 根据考核评分 XML 生成。" en="Generated by kaohe from the scorecard XML."/>
    <m:m k="rule.all-or-nothing" zh="{{}}得满分，未达到不得分" en="full points at {{}}, none otherwise"/>
    <m:m k="rule.all-or-nothing-bare" zh="达标得满分，未达标不得分" en="full points when met, none otherwise"/>
    <m:m k="rule.linear" zh="{{}}得满分，未达到按完成程度比例计分" en="full points at {{}}, in proportion below"/>
    <m:m k="rule.per-case" zh="每发现一例按规定扣分，扣完为止" en="points off for each case found, down to zero"/>
    <m:m k="rule.veto" zh="一票否决项（要求{{}}）" en="veto item (required: {{}})"/>
    <m:m k="rule.veto-bare" zh="一票否决项" en="veto item"/>
    <m:m k="rule.bonus" zh="加分项，最高加{{}}分" en="bonus, at most {{}} points"/>
    <m:m k="rule.manual" zh="由考核小组评定" en="judged by the panel"/>
    <m:m k="method.all-or-nothing" zh="达标得分" en="all or nothing"/>
    <m:m k="method.linear" zh="按比例计分" en="linear"/>
    <m:m k="method.per-case" zh="按例扣分" en="per case"/>
    <m:m k="method.veto" zh="一票否决" en="veto"/>
    <m:m k="method.bonus" zh="加分项" en="bonus"/>
    <m:m k="level.self" zh="自评" en="self-assessment"/>
    <m:m k="level.city" zh="市级" en="city"/>
    <m:m k="level.province" zh="省级" en="province"/>
    <m:m k="level.computed" zh="系统计算" en="computed"/>
    <m:m k="how.mean" zh="平均" en="mean"/>
    <m:m k="how.trimmed-mean" zh="去掉最高最低分后平均" en="trimmed mean"/>
    <m:m k="how.median" zh="中位数" en="median"/>
  </xsl:variable>
  <xsl:variable name="M" select="exsl:node-set($catalogue)/m:m"/>
  <xsl:variable name="W" select="document('words.xml')/w:words/w:group"/>

  <xsl:key name="mark-by-member" match="sc:mark" use="concat(../@level, '|', @member)"/>

  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:value-of select="$M[@k = $k]/@*[local-name() = $L]"/>
  </xsl:template>

  <!-- A catalogue text with {} replaced by `v`. -->
  <xsl:template name="tf">
    <xsl:param name="k"/>
    <xsl:param name="v"/>
    <xsl:variable name="s" select="string($M[@k = $k]/@*[local-name() = $L])"/>
    <xsl:choose>
      <xsl:when test="contains($s, '{}')">
        <xsl:value-of select="concat(substring-before($s, '{}'), $v, substring-after($s, '{}'))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The word for a code: words.xml's group, else the catalogue's
       GROUP.CODE, else the code. -->
  <xsl:template name="word">
    <xsl:param name="group"/>
    <xsl:param name="code"/>
    <xsl:variable name="w" select="$W[@name = $group]/w:w[@k = $code]/@*[local-name() = $L]"/>
    <xsl:variable name="m" select="$M[@k = concat($group, '.', $code)]/@*[local-name() = $L]"/>
    <xsl:choose>
      <xsl:when test="string-length($w) &gt; 0"><xsl:value-of select="$w"/></xsl:when>
      <xsl:when test="string-length($m) &gt; 0"><xsl:value-of select="$m"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="pts">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string(number($v)) != 'NaN'"><xsl:value-of select="format-number($v, '0.00')"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/">
    <xsl:variable name="rows">
      <xsl:apply-templates select="sc:scorecard" mode="model"/>
    </xsl:variable>
    <xsl:variable name="S" select="exsl:node-set($rows)/ss:sheet"/>
    <xsl:choose>
      <xsl:when test="$view = 'rows'">
        <xsl:apply-templates select="$S" mode="number"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="numbered">
          <xsl:apply-templates select="$S" mode="number"/>
        </xsl:variable>
        <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
        <xsl:apply-templates select="exsl:node-set($numbered)/ss:sheet" mode="html"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/*" priority="-1" mode="model">
    <xsl:message terminate="yes">kaohe: not a scorecard (urn:kaohe:scorecard:1)</xsl:message>
  </xsl:template>

  <!-- ===== the sheet as rows ============================================ -->

  <xsl:template match="sc:scorecard" mode="model">
    <xsl:variable name="sum" select="sc:summary"/>
    <xsl:variable name="final">
      <xsl:choose>
        <xsl:when test="$sum/@final-level"><xsl:value-of select="$sum/@final-level"/></xsl:when>
        <xsl:when test="sc:indicator/sc:marks[@level = 'province']">province</xsl:when>
        <xsl:when test="sc:indicator/sc:marks[@level = 'city']">city</xsl:when>
        <xsl:when test="sc:indicator/sc:marks[@level = 'self']">self</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="inds" select="sc:indicator"/>
    <xsl:variable name="manual" select="$inds[@kind = 'manual' or (not(@kind) and @measure = 'manual')]"/>
    <ss:sheet lang="{$L}" blank="{$blank}" title="{@title}" contract="{@contract}"
              version="{@contract-version}" insurer="{@insurer}" purchaser="{@purchaser}"
              period="{@period}" first="{@period-first}" last="{@period-last}"
              as-of="{@as-of}" generated="{@generated}">
      <xsl:attribute name="level">
        <xsl:if test="string($final)">
          <xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="$final"/></xsl:call-template>
        </xsl:if>
      </xsl:attribute>
      <xsl:attribute name="heading">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'sheet'"/></xsl:call-template>
      </xsl:attribute>
      <!-- every caption, in the sheet's language, for the XLSX writer -->
      <xsl:for-each select="$M">
        <ss:t k="{@k}" v="{@*[local-name() = $L]}"/>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="sc:category">
          <xsl:for-each select="sc:category">
            <xsl:variable name="id" select="@id"/>
            <xsl:call-template name="group">
              <xsl:with-param name="n" select="position()"/>
              <xsl:with-param name="cat" select="."/>
              <xsl:with-param name="items" select="$inds[@category = $id]"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:variable name="cats" select="sc:category"/>
          <xsl:variable name="loose" select="$inds[not(@category) or not(@category = $cats/@id)]"/>
          <xsl:if test="$loose">
            <xsl:call-template name="group">
              <xsl:with-param name="n" select="count($cats) + 1"/>
              <xsl:with-param name="items" select="$loose"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$inds" mode="item"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="total-row">
        <xsl:with-param name="manual" select="$manual"/>
      </xsl:call-template>
      <xsl:call-template name="notes">
        <xsl:with-param name="final" select="$final"/>
      </xsl:call-template>
      <xsl:if test="not($B)">
        <xsl:for-each select="sc:level-differences/sc:difference">
          <xsl:variable name="id" select="@indicator"/>
          <ss:diff item="{$inds[@id = $id]/@title}" from-score="{@from-score}" to-score="{@to-score}" delta="{@delta}">
            <xsl:if test="not($inds[@id = $id]/@title)"><xsl:attribute name="item"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
            <xsl:attribute name="from"><xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="@from"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="to"><xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="@to"/></xsl:call-template></xsl:attribute>
          </ss:diff>
        </xsl:for-each>
      </xsl:if>
      <!-- the panel: each member who marked at the final level, once -->
      <xsl:variable name="members"
          select="$inds/sc:marks[@level = $final]/sc:mark[generate-id() = generate-id(key('mark-by-member', concat($final, '|', @member))[1])]"/>
      <xsl:choose>
        <xsl:when test="$members">
          <xsl:for-each select="$members"><ss:member name="{@member}"/></xsl:for-each>
        </xsl:when>
        <xsl:otherwise><ss:member name=""/><ss:member name=""/><ss:member name=""/></xsl:otherwise>
      </xsl:choose>
    </ss:sheet>
  </xsl:template>

  <!-- A category: its heading, its items, its subtotal. -->
  <xsl:template name="group">
    <xsl:param name="n"/>
    <xsl:param name="cat" select="/.."/>
    <xsl:param name="items"/>
    <xsl:variable name="numeral">
      <xsl:choose>
        <xsl:when test="$L = 'en' and $n &lt;= 26"><xsl:value-of select="substring('ABCDEFGHIJKLMNOPQRSTUVWXYZ', $n, 1)"/></xsl:when>
        <xsl:when test="$L = 'zh' and $n &lt;= 10"><xsl:value-of select="substring('一二三四五六七八九十', $n, 1)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="scored" select="$items[not(@method = 'bonus')]"/>
    <xsl:variable name="points">
      <xsl:choose>
        <xsl:when test="$cat/@points"><xsl:value-of select="$cat/@points"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="sum($scored/@points)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <ss:row kind="category" no="{$numeral}" clause="{$cat/@clause}">
      <xsl:attribute name="title">
        <xsl:choose>
          <xsl:when test="$cat/@title"><xsl:value-of select="$cat/@title"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'other'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:attribute name="points"><xsl:call-template name="pts"><xsl:with-param name="v" select="$points"/></xsl:call-template></xsl:attribute>
      <xsl:if test="$cat/@default = 'yes'"><xsl:attribute name="default">yes</xsl:attribute></xsl:if>
    </ss:row>
    <xsl:apply-templates select="$items" mode="item"/>
    <xsl:variable name="open" select="$items[@status = 'pending' or ($B and (@kind = 'manual' or (not(@kind) and @measure = 'manual')))]"/>
    <xsl:variable name="awarded">
      <xsl:choose>
        <xsl:when test="$B and $open"/>
        <xsl:when test="$B and $cat/@vetoed = 'yes'">0</xsl:when>
        <xsl:when test="$B">
          <xsl:value-of select="sum($items[@computed-awarded]/@computed-awarded) + sum($items[not(@computed-awarded)][not(@status = 'na')]/@awarded)"/>
        </xsl:when>
        <xsl:when test="$cat/@awarded"><xsl:value-of select="$cat/@awarded"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="sum($items[not(@status = 'na')]/@awarded)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <ss:row kind="subtotal">
      <xsl:attribute name="title"><xsl:call-template name="t"><xsl:with-param name="k" select="'subtotal'"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="points"><xsl:call-template name="pts"><xsl:with-param name="v" select="$points"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="awarded"><xsl:call-template name="pts"><xsl:with-param name="v" select="$awarded"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="deducted"><xsl:if test="string($awarded)"><xsl:call-template name="pts"><xsl:with-param name="v" select="$points - $awarded"/></xsl:call-template></xsl:if></xsl:attribute>
      <xsl:if test="$cat/@vetoed = 'yes'">
        <xsl:attribute name="vetoed">yes</xsl:attribute>
        <ss:reason><xsl:call-template name="t"><xsl:with-param name="k" select="'vetoed'"/></xsl:call-template></ss:reason>
      </xsl:if>
      <xsl:if test="$open and not($B)">
        <ss:reason>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'pending-note'"/></xsl:call-template>
          <xsl:for-each select="$open">
            <xsl:if test="position() &gt; 1"><xsl:value-of select="$sep"/></xsl:if>
            <xsl:value-of select="@title"/>
          </xsl:for-each>
        </ss:reason>
      </xsl:if>
    </ss:row>
  </xsl:template>

  <!-- One indicator as a row. -->
  <xsl:template match="sc:indicator" mode="item">
    <xsl:variable name="manual" select="@kind = 'manual' or (not(@kind) and @measure = 'manual')"/>
    <xsl:variable name="pending" select="@status = 'pending'"/>
    <xsl:variable name="na" select="@status = 'na'"/>
    <xsl:variable name="bonus" select="@method = 'bonus'"/>
    <xsl:variable name="empty" select="($B and $manual) or $pending"/>
    <xsl:variable name="override" select="not($manual) and @computed-awarded"/>
    <xsl:variable name="shown">
      <xsl:choose>
        <xsl:when test="$B and $override"><xsl:value-of select="@computed-awarded"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@awarded"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="deducted">
      <xsl:if test="not($empty or $na or $bonus)">
        <xsl:call-template name="pts"><xsl:with-param name="v" select="@points - $shown"/></xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="src" select="string(@source)"/>
    <xsl:variable name="marks" select="sc:marks[@level = $src]"/>
    <ss:row kind="item" id="{@id}" item="{@title}" points="{@points}" clause="{@clause}">
      <xsl:if test="@points-default = 'yes'"><xsl:attribute name="points-default">yes</xsl:attribute></xsl:if>
      <xsl:if test="$manual"><xsl:attribute name="manual">yes</xsl:attribute></xsl:if>
      <xsl:if test="$empty"><xsl:attribute name="empty">yes</xsl:attribute></xsl:if>
      <xsl:if test="$bonus"><xsl:attribute name="bonus">yes</xsl:attribute></xsl:if>
      <xsl:attribute name="status"><xsl:value-of select="@status"/></xsl:attribute>
      <xsl:attribute name="content">
        <xsl:value-of select="@clause"/>
        <xsl:if test="@clause-text"><xsl:value-of select="concat($colon, @clause-text)"/></xsl:if>
      </xsl:attribute>
      <xsl:attribute name="criterion"><xsl:call-template name="criterion"/></xsl:attribute>
      <xsl:attribute name="deducted"><xsl:value-of select="$deducted"/></xsl:attribute>
      <xsl:attribute name="awarded">
        <xsl:if test="not($empty or $na)">
          <xsl:if test="$bonus">+</xsl:if>
          <xsl:call-template name="pts"><xsl:with-param name="v" select="$shown"/></xsl:call-template>
        </xsl:if>
      </xsl:attribute>
      <xsl:choose>
        <xsl:when test="$B and $manual"/>
        <xsl:when test="$pending">
          <ss:reason><xsl:call-template name="t"><xsl:with-param name="k" select="'pending'"/></xsl:call-template></ss:reason>
        </xsl:when>
        <xsl:when test="$na">
          <ss:reason><xsl:call-template name="t"><xsl:with-param name="k" select="'na'"/></xsl:call-template></ss:reason>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="not($B) and $marks">
            <!-- the panel's aggregate, then each member's reason -->
            <ss:reason>
              <xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="$src"/></xsl:call-template>
              <xsl:if test="$marks/@members">
                <xsl:value-of select="concat(' ', $marks/@members)"/>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'members-n'"/></xsl:call-template>
              </xsl:if>
              <xsl:if test="$marks/@how">
                <xsl:text> </xsl:text>
                <xsl:choose>
                  <xsl:when test="$marks/@trimmed = 'yes'"><xsl:call-template name="t"><xsl:with-param name="k" select="'trimmed'"/></xsl:call-template></xsl:when>
                  <xsl:otherwise><xsl:call-template name="word"><xsl:with-param name="group" select="'how'"/><xsl:with-param name="code" select="$marks/@how"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </xsl:if>
              <xsl:if test="$marks/@aggregate"><xsl:value-of select="concat(' ', $marks/@aggregate)"/></xsl:if>
            </ss:reason>
            <xsl:for-each select="$marks/sc:mark[@reason or @evidence]">
              <ss:reason>
                <xsl:value-of select="concat(@member, $colon, @reason)"/>
                <xsl:if test="@evidence">
                  <xsl:value-of select="concat('（', $M[@k = 'basis']/@*[local-name() = $L], $colon, @evidence, '）')"/>
                </xsl:if>
              </ss:reason>
            </xsl:for-each>
          </xsl:if>
          <xsl:if test="$override and not($B)">
            <ss:reason>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'override'"/></xsl:call-template>
              <xsl:value-of select="concat(' ', @computed-awarded)"/>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'override-by'"/></xsl:call-template>
            </ss:reason>
          </xsl:if>
          <xsl:if test="@method = 'veto' and @status = 'fail'">
            <ss:reason><xsl:call-template name="t"><xsl:with-param name="k" select="'veto-fail'"/></xsl:call-template></ss:reason>
          </xsl:if>
          <xsl:if test="not($manual) and (@status = 'fail' or number($deducted) &gt; 0)">
            <xsl:for-each select="sc:note"><ss:reason><xsl:value-of select="."/></ss:reason></xsl:for-each>
          </xsl:if>
          <xsl:if test="(@status = 'fail' or number($deducted) &gt; 0) and string(@clause)">
            <ss:reason>
              <xsl:value-of select="concat($M[@k = 'basis']/@*[local-name() = $L], $colon)"/>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'contract'"/></xsl:call-template>
              <xsl:if test="$L = 'en'"><xsl:text> </xsl:text></xsl:if>
              <xsl:value-of select="@clause"/>
            </ss:reason>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </ss:row>
  </xsl:template>

  <!-- 评分标准: the scorecard's criterion, else words for the method (and
       the target), else the target for an all-or-nothing item. -->
  <xsl:template name="criterion">
    <xsl:variable name="manual" select="@kind = 'manual' or (not(@kind) and @measure = 'manual')"/>
    <xsl:variable name="tt">
      <xsl:choose>
        <xsl:when test="@target-text"><xsl:value-of select="@target-text"/></xsl:when>
        <xsl:when test="@target"><xsl:value-of select="@target"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string(normalize-space(sc:criterion))"><xsl:value-of select="normalize-space(sc:criterion)"/></xsl:when>
      <xsl:when test="@method = 'bonus'">
        <xsl:call-template name="tf"><xsl:with-param name="k" select="'rule.bonus'"/><xsl:with-param name="v" select="@points"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@method = 'per-case'">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'rule.per-case'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@method = 'veto' and string($tt)">
        <xsl:call-template name="tf"><xsl:with-param name="k" select="'rule.veto'"/><xsl:with-param name="v" select="$tt"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@method = 'veto'">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'rule.veto-bare'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$manual">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'rule.manual'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@method = 'linear' and string($tt)">
        <xsl:call-template name="tf"><xsl:with-param name="k" select="'rule.linear'"/><xsl:with-param name="v" select="$tt"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="string($tt)">
        <xsl:call-template name="tf"><xsl:with-param name="k" select="'rule.all-or-nothing'"/><xsl:with-param name="v" select="$tt"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@method">
        <xsl:call-template name="word"><xsl:with-param name="group" select="'method'"/><xsl:with-param name="code" select="@method"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'rule.all-or-nothing-bare'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The total: the scorecard's score and grade; on a blank sheet empty
       while a manual item is to be filled in, and the computed items' sum
       (no grade) when a panel mark had replaced a computed value. -->
  <xsl:template name="total-row">
    <xsl:param name="manual"/>
    <xsl:variable name="sum" select="sc:summary"/>
    <xsl:variable name="over" select="sc:indicator[@computed-awarded][not(@kind = 'manual')]"/>
    <xsl:variable name="awarded">
      <xsl:choose>
        <xsl:when test="$B and $manual"/>
        <xsl:when test="$B and $over">
          <xsl:value-of select="$sum/@score + sum($over/@computed-awarded) - sum($over/@awarded)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$sum/@score"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <ss:row kind="total">
      <xsl:attribute name="title"><xsl:call-template name="t"><xsl:with-param name="k" select="'total'"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="points"><xsl:call-template name="pts"><xsl:with-param name="v" select="$sum/@max"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="awarded"><xsl:call-template name="pts"><xsl:with-param name="v" select="$awarded"/></xsl:call-template></xsl:attribute>
      <xsl:attribute name="deducted"><xsl:if test="string($awarded)"><xsl:call-template name="pts"><xsl:with-param name="v" select="$sum/@max - $awarded"/></xsl:call-template></xsl:if></xsl:attribute>
      <xsl:attribute name="grade"><xsl:if test="not($B and ($manual or $over))"><xsl:value-of select="$sum/@grade"/></xsl:if></xsl:attribute>
      <xsl:if test="$sum/@vetoed = 'yes'"><xsl:attribute name="vetoed">yes</xsl:attribute></xsl:if>
    </ss:row>
  </xsl:template>

  <!-- The lines under the table. -->
  <xsl:template name="notes">
    <xsl:param name="final"/>
    <xsl:variable name="sum" select="sc:summary"/>
    <xsl:if test="$sum/@vetoed = 'yes'">
      <ss:note kind="veto"><xsl:call-template name="t"><xsl:with-param name="k" select="'vetoed-all'"/></xsl:call-template>
        <xsl:for-each select="sc:indicator[@method = 'veto'][@status = 'fail']">
          <xsl:value-of select="concat($sep, @title, '（', @clause, '）')"/>
        </xsl:for-each>
      </ss:note>
    </xsl:if>
    <xsl:if test="$B">
      <ss:note kind="blank"><xsl:call-template name="t"><xsl:with-param name="k" select="'blank-note'"/></xsl:call-template></ss:note>
    </xsl:if>
    <xsl:if test="not($B) and $sum/sc:level">
      <ss:note kind="levels">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'levels'"/></xsl:call-template>
        <xsl:for-each select="$sum/sc:level">
          <xsl:if test="position() &gt; 1"><xsl:value-of select="$sep"/></xsl:if>
          <xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="@code"/></xsl:call-template>
          <xsl:value-of select="concat(' ', @score)"/>
          <xsl:if test="@grade"><xsl:value-of select="concat('（', @grade, '）')"/></xsl:if>
        </xsl:for-each>
        <xsl:if test="string($final)">
          <xsl:value-of select="$sep"/>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'final'"/></xsl:call-template>
          <xsl:call-template name="word"><xsl:with-param name="group" select="'level'"/><xsl:with-param name="code" select="$final"/></xsl:call-template>
        </xsl:if>
      </ss:note>
    </xsl:if>
    <xsl:if test="not($B) and sc:indicator[@status = 'pending']">
      <ss:note kind="pending">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'pending-note'"/></xsl:call-template>
        <xsl:for-each select="sc:indicator[@status = 'pending']">
          <xsl:if test="position() &gt; 1"><xsl:value-of select="$sep"/></xsl:if>
          <xsl:value-of select="@title"/>
        </xsl:for-each>
      </ss:note>
    </xsl:if>
    <xsl:if test="sc:indicator/@points-default = 'yes' or sc:category/@default = 'yes'">
      <ss:note kind="default"><xsl:call-template name="t"><xsl:with-param name="k" select="'default-legend'"/></xsl:call-template></ss:note>
    </xsl:if>
  </xsl:template>

  <!-- Numbers the item rows 1, 2, … in the order they are shown. -->
  <xsl:template match="ss:sheet" mode="number">
    <ss:sheet>
      <xsl:copy-of select="@*"/>
      <xsl:for-each select="*">
        <xsl:choose>
          <xsl:when test="self::ss:row[@kind = 'item']">
            <ss:row no="{count(preceding-sibling::ss:row[@kind = 'item']) + 1}">
              <xsl:copy-of select="@*"/>
              <xsl:copy-of select="node()"/>
            </ss:row>
          </xsl:when>
          <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </ss:sheet>
  </xsl:template>

  <!-- ===== the rows as HTML ============================================= -->

  <xsl:template name="c">
    <xsl:param name="k"/>
    <xsl:value-of select="$M[@k = $k]/@*[local-name() = $L]"/>
  </xsl:template>

  <!-- A cell's text, or a space so that no element is empty. -->
  <xsl:template name="v">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string-length($v) &gt; 0"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise><xsl:text> </xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="default-mark">
    <span class="default"><xsl:call-template name="c"><xsl:with-param name="k" select="'default'"/></xsl:call-template></span>
  </xsl:template>

  <xsl:template match="ss:sheet" mode="html">
    <xsl:variable name="html-lang">
      <xsl:choose>
        <xsl:when test="$L = 'en'">en</xsl:when>
        <xsl:otherwise>zh-CN</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html lang="{$html-lang}" xml:lang="{$html-lang}">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="concat(@title, ' · ', @period, ' · ', @heading)"/></title>
        <style><xsl:call-template name="css"/></style>
      </head>
      <body>
        <xsl:attribute name="class">
          <xsl:text>scoresheet</xsl:text>
          <xsl:if test="@blank = 'yes'"> blank</xsl:if>
        </xsl:attribute>
        <header>
          <h1><xsl:value-of select="@heading"/></h1>
          <p class="subtitle"><xsl:value-of select="@title"/></p>
          <table class="head">
            <tbody>
              <tr>
                <th><xsl:call-template name="c"><xsl:with-param name="k" select="'contract'"/></xsl:call-template></th>
                <td class="contract"><xsl:value-of select="@contract"/>
                  <xsl:text>（</xsl:text><xsl:call-template name="c"><xsl:with-param name="k" select="'version'"/></xsl:call-template>
                  <xsl:value-of select="concat(' ', @version, '）')"/></td>
                <th><xsl:call-template name="c"><xsl:with-param name="k" select="'period'"/></xsl:call-template></th>
                <td class="period"><xsl:value-of select="concat(@period, '（', @first, ' – ', @last, '）')"/></td>
              </tr>
              <tr>
                <th><xsl:call-template name="c"><xsl:with-param name="k" select="'insurer'"/></xsl:call-template></th>
                <td class="insurer"><xsl:value-of select="@insurer"/></td>
                <th><xsl:call-template name="c"><xsl:with-param name="k" select="'purchaser'"/></xsl:call-template></th>
                <td class="purchaser"><xsl:value-of select="@purchaser"/></td>
              </tr>
              <tr>
                <th><xsl:call-template name="c"><xsl:with-param name="k" select="'level'"/></xsl:call-template></th>
                <td class="level"><xsl:call-template name="v"><xsl:with-param name="v" select="@level"/></xsl:call-template></td>
                <th><xsl:call-template name="c"><xsl:with-param name="k" select="'as-of'"/></xsl:call-template></th>
                <td class="as-of"><xsl:value-of select="@as-of"/></td>
              </tr>
            </tbody>
          </table>
        </header>
        <table class="sheet">
          <colgroup>
            <col class="c-no"/><col class="c-item"/><col class="c-content"/><col class="c-points"/>
            <col class="c-criterion"/><col class="c-deducted"/><col class="c-awarded"/><col class="c-reason"/>
          </colgroup>
          <thead>
            <tr>
              <th class="num"><xsl:call-template name="c"><xsl:with-param name="k" select="'col-no'"/></xsl:call-template></th>
              <th><xsl:call-template name="c"><xsl:with-param name="k" select="'col-item'"/></xsl:call-template></th>
              <th><xsl:call-template name="c"><xsl:with-param name="k" select="'col-content'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="c"><xsl:with-param name="k" select="'col-points'"/></xsl:call-template></th>
              <th><xsl:call-template name="c"><xsl:with-param name="k" select="'col-criterion'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="c"><xsl:with-param name="k" select="'col-deducted'"/></xsl:call-template></th>
              <th class="num"><xsl:call-template name="c"><xsl:with-param name="k" select="'col-awarded'"/></xsl:call-template></th>
              <th><xsl:call-template name="c"><xsl:with-param name="k" select="'col-reason'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="ss:row" mode="html"/>
          </tbody>
        </table>
        <xsl:if test="ss:note">
          <div class="notes">
            <xsl:for-each select="ss:note">
              <p class="note {@kind}"><xsl:value-of select="."/></p>
            </xsl:for-each>
          </div>
        </xsl:if>
        <xsl:if test="ss:diff">
          <section class="differences">
            <h2><xsl:call-template name="c"><xsl:with-param name="k" select="'differences'"/></xsl:call-template></h2>
            <table class="differences">
              <thead>
                <tr>
                  <th><xsl:call-template name="c"><xsl:with-param name="k" select="'col-item'"/></xsl:call-template></th>
                  <th class="num"><xsl:call-template name="c"><xsl:with-param name="k" select="'diff-from'"/></xsl:call-template></th>
                  <th class="num"><xsl:call-template name="c"><xsl:with-param name="k" select="'diff-to'"/></xsl:call-template></th>
                  <th class="num"><xsl:call-template name="c"><xsl:with-param name="k" select="'diff-delta'"/></xsl:call-template></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="ss:diff">
                  <tr>
                    <td><xsl:value-of select="@item"/></td>
                    <td class="num"><xsl:value-of select="concat(@from, ' ', @from-score)"/></td>
                    <td class="num"><xsl:value-of select="concat(@to, ' ', @to-score)"/></td>
                    <td class="num"><xsl:value-of select="@delta"/></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </section>
        </xsl:if>
        <section class="sign">
          <h2><xsl:call-template name="c"><xsl:with-param name="k" select="'signatures'"/></xsl:call-template></h2>
          <table class="sign">
            <tbody>
              <xsl:for-each select="ss:member">
                <tr class="member">
                  <th><xsl:call-template name="c"><xsl:with-param name="k" select="'member'"/></xsl:call-template></th>
                  <td class="name"><xsl:call-template name="v"><xsl:with-param name="v" select="@name"/></xsl:call-template></td>
                  <th><xsl:call-template name="c"><xsl:with-param name="k" select="'sign'"/></xsl:call-template></th>
                  <td class="line"><xsl:text> </xsl:text></td>
                  <th><xsl:call-template name="c"><xsl:with-param name="k" select="'date'"/></xsl:call-template></th>
                  <td class="date"><xsl:call-template name="c"><xsl:with-param name="k" select="'date-blank'"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          <p class="confirm">
            <span class="what"><xsl:call-template name="c"><xsl:with-param name="k" select="'confirm'"/></xsl:call-template><xsl:value-of select="$colon"/></span>
            <span class="insurer"><xsl:value-of select="@insurer"/></span>
            <span class="seal"><xsl:call-template name="c"><xsl:with-param name="k" select="'seal'"/></xsl:call-template></span>
            <span class="field"><xsl:call-template name="c"><xsl:with-param name="k" select="'responsible'"/></xsl:call-template><xsl:value-of select="$colon"/><span class="line"><xsl:text> </xsl:text></span></span>
            <span class="field"><xsl:call-template name="c"><xsl:with-param name="k" select="'date'"/></xsl:call-template><xsl:value-of select="$colon"/><xsl:call-template name="c"><xsl:with-param name="k" select="'date-blank'"/></xsl:call-template></span>
          </p>
        </section>
        <footer><p><xsl:call-template name="c"><xsl:with-param name="k" select="'footer'"/></xsl:call-template></p></footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="ss:row[@kind = 'category']" mode="html">
    <tr class="category">
      <td class="num"><xsl:value-of select="@no"/></td>
      <td colspan="7">
        <strong><xsl:value-of select="@title"/></strong>
        <xsl:if test="string(@points)">
          <xsl:text>（</xsl:text><xsl:value-of select="@points"/>
          <xsl:call-template name="c"><xsl:with-param name="k" select="'points-unit'"/></xsl:call-template>
          <xsl:text>）</xsl:text>
          <xsl:if test="@default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if>
        </xsl:if>
        <xsl:if test="string(@clause)"><xsl:text> </xsl:text><span class="clause"><xsl:value-of select="@clause"/></span></xsl:if>
      </td>
    </tr>
  </xsl:template>

  <xsl:template match="ss:row[@kind = 'item']" mode="html">
    <tr id="item-{@no}">
      <xsl:attribute name="class">
        <xsl:text>item </xsl:text><xsl:value-of select="@status"/>
        <xsl:if test="@manual = 'yes'"> manual</xsl:if>
        <xsl:if test="@empty = 'yes'"> empty</xsl:if>
      </xsl:attribute>
      <td class="num no"><xsl:value-of select="@no"/></td>
      <td class="item"><xsl:value-of select="@item"/></td>
      <td class="content"><xsl:call-template name="v"><xsl:with-param name="v" select="@content"/></xsl:call-template></td>
      <td class="num points"><xsl:value-of select="@points"/><xsl:if test="@points-default = 'yes'"><xsl:call-template name="default-mark"/></xsl:if></td>
      <td class="criterion"><xsl:call-template name="v"><xsl:with-param name="v" select="@criterion"/></xsl:call-template></td>
      <td class="num deducted"><xsl:call-template name="v"><xsl:with-param name="v" select="@deducted"/></xsl:call-template></td>
      <td class="num awarded"><xsl:call-template name="v"><xsl:with-param name="v" select="@awarded"/></xsl:call-template></td>
      <td class="reason"><xsl:call-template name="reasons"/></td>
    </tr>
  </xsl:template>

  <xsl:template name="reasons">
    <xsl:choose>
      <xsl:when test="ss:reason">
        <xsl:for-each select="ss:reason">
          <xsl:if test="position() &gt; 1"><br/></xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:text> </xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="ss:row[@kind = 'subtotal']" mode="html">
    <tr>
      <xsl:attribute name="class">subtotal<xsl:if test="@vetoed = 'yes'"> vetoed</xsl:if></xsl:attribute>
      <td><xsl:text> </xsl:text></td>
      <td colspan="2"><xsl:value-of select="@title"/></td>
      <td class="num points"><xsl:value-of select="@points"/></td>
      <td><xsl:text> </xsl:text></td>
      <td class="num deducted"><xsl:call-template name="v"><xsl:with-param name="v" select="@deducted"/></xsl:call-template></td>
      <td class="num awarded"><xsl:call-template name="v"><xsl:with-param name="v" select="@awarded"/></xsl:call-template></td>
      <td class="reason"><xsl:call-template name="reasons"/></td>
    </tr>
  </xsl:template>

  <xsl:template match="ss:row[@kind = 'total']" mode="html">
    <tr>
      <xsl:attribute name="class">total<xsl:if test="@vetoed = 'yes'"> vetoed</xsl:if></xsl:attribute>
      <td colspan="3"><xsl:value-of select="@title"/></td>
      <td class="num points"><xsl:value-of select="@points"/></td>
      <td><xsl:text> </xsl:text></td>
      <td class="num deducted"><xsl:call-template name="v"><xsl:with-param name="v" select="@deducted"/></xsl:call-template></td>
      <td class="num awarded"><xsl:call-template name="v"><xsl:with-param name="v" select="@awarded"/></xsl:call-template></td>
      <td class="grade"><xsl:call-template name="c"><xsl:with-param name="k" select="'grade'"/></xsl:call-template><xsl:value-of select="$colon"/><strong><xsl:call-template name="v"><xsl:with-param name="v" select="@grade"/></xsl:call-template></strong></td>
    </tr>
  </xsl:template>

  <!-- The CSS, inline.  No '>' or '&' in it: the page is also XML. -->
  <xsl:template name="css">
:root { --fg: #000000; --muted: #4a525a; --bg: #ffffff; --card: #eef1f4; --line: #5f6b76;
  --fail: #a4161a; --accent: #1f4f8a; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --card: #161b22; --line: #6e7781;
    --fail: #ff7b72; --accent: #6cb6ff; }
}
html { background: var(--bg); color: var(--fg); }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC",
    "WenQuanYi Micro Hei", "SimSun", "Songti SC", serif;
  font-size: 13px; line-height: 1.45; max-width: 1000px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 24px; text-align: center; margin: 0 0 4px; }
html[lang="zh-CN"] h1 { letter-spacing: 0.3em; }
p.subtitle { text-align: center; margin: 0 0 12px; font-size: 14px; }
h2 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 3px 5px; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
th { background: var(--card); font-weight: 600; }
table.head { margin-bottom: 10px; }
table.head th { width: 5.5em; white-space: nowrap; }
table.sheet { table-layout: fixed; }
table.sheet thead th { text-align: center; vertical-align: middle; }
col.c-no { width: 5%; } col.c-item { width: 12%; } col.c-content { width: 18%; }
col.c-points { width: 7.5%; } col.c-criterion { width: 18%; } col.c-deducted { width: 7.5%; }
col.c-awarded { width: 7.5%; } col.c-reason { width: 24.5%; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; overflow-wrap: normal; }
table.sheet thead th.num { text-align: center; }
tr.category td { background: var(--card); font-weight: 600; }
tr.subtotal td, tr.total td { font-weight: 600; }
tr.total td { border-top: 2px solid var(--fg); }
tr.vetoed td.reason, tr.fail td.awarded { color: var(--fail); }
tr.empty td.deducted, tr.empty td.awarded, tr.empty td.reason { height: 2.6em; }
.clause { color: var(--muted); font-weight: normal; }
.default { color: var(--muted); font-size: 0.85em; font-weight: normal; white-space: nowrap; }
.notes p { margin: 6px 0; }
p.note.veto { color: var(--fail); font-weight: 600; }
table.differences { width: auto; min-width: 60%; }
section.sign { margin-top: 18px; }
table.sign th { width: 4.5em; white-space: nowrap; }
table.sign th, table.sign td { height: 2.4em; vertical-align: bottom; }
table.sign td.name { width: 22%; }
table.sign td.line { width: 30%; }
p.confirm { margin: 18px 0 0; line-height: 2.6; }
p.confirm span { margin-right: 1.2em; white-space: nowrap; display: inline-block; }
p.confirm span.line { display: inline-block; min-width: 10em; border-bottom: 1px solid var(--fg);
  margin: 0; line-height: 1.2; }
footer { margin-top: 24px; color: var(--muted); font-size: 11px; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 14mm 10mm 14mm; }
@media print {
  :root { --fg: #000000; --muted: #333333; --bg: #ffffff; --card: #eeeeee; --line: #000000;
    --fail: #000000; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h1 { font-size: 18pt; }
  table { font-size: 9pt; }
  section.sign, .notes, table.differences { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</xsl:template>
</xsl:stylesheet>
