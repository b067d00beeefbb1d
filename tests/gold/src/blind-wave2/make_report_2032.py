#!/usr/bin/env python3
"""Write the flat-ODF source of the Driving K-12 Innovation 2032 full report.

usage: make_report_2032.py OUT.fodt

The report text lives in this file; LibreOffice Writer turns the .fodt into the
PDF (see build.sh). Single column, cover page without footer, running header and
footer with page numbers, sidebars as shaded one-cell tables.
"""

import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "2032_Driving-K12-Innovation-Report.fodt"

body = []


def p(text, style="Body"):
    body.append(f'<text:p text:style-name="{style}">{text}</text:p>')


def h(text, level, style):
    body.append(f'<text:h text:style-name="{style}" text:outline-level="{level}">{text}</text:h>')


def bullets(items, style="ListItem"):
    body.append('<text:list text:style-name="Bullets">')
    for it in items:
        body.append(f'<text:list-item><text:p text:style-name="{style}">{it}</text:p></text:list-item>')
    body.append("</text:list>")


def sidebar(title, paras):
    body.append(f'<table:table table:name="Sidebar{len(body)}" table:style-name="SidebarTable">')
    body.append('<table:table-column table:style-name="SidebarCol"/>')
    body.append('<table:table-row><table:table-cell table:style-name="SidebarCell" office:value-type="string">')
    body.append(f'<text:p text:style-name="SidebarTitle">{title}</text:p>')
    for para in paras:
        body.append(f'<text:p text:style-name="SidebarText">{para}</text:p>')
    body.append("</table:table-cell></table:table-row></table:table>")


def pull(quote, credit):
    p(quote, "PullQuote")
    p(credit, "PullCredit")


def tag(word):
    return f'<text:span text:style-name="Tag">{word}</text:span>'


def topic(kind, n, title, status, desc, why, questions, side=None, quote=None):
    label = f"{kind} {n}"
    h(f"{label}<text:tab/>{title}", 2, "TopicHeading")
    if status:
        p(tag(status), "TagLine")
    for d in desc:
        p(d)
    if side:
        sidebar(*side)
    h("Why it matters", 3, "SubHeading")
    for w in why:
        p(w)
    h("Questions to consider", 3, "SubHeading")
    bullets(questions)
    if quote:
        pull(*quote)


# ---------------------------------------------------------------- cover
p("CoSN", "CoverOrg")
p("Driving K-12 Innovation", "CoverTitle")
p("2032", "CoverYear")
p("Hurdles · Accelerators · Tech Enablers · Bridges", "CoverSub")
p("A report of the CoSN Driving K-12 Innovation Advisory Board", "CoverNote")
p("Released March 2032", "CoverNote")
p("Consortium for School Networking · Washington, DC", "CoverNote")

# ---------------------------------------------------------------- contents
h("Contents", 1, "FrontHeading")
toc = [
    ("Letter from the CEO", "3"),
    ("About This Report", "3"),
    ("Hurdles", "4"),
    ("Accelerators", "6"),
    ("Tech Enablers", "7"),
    ("Bridges", "9"),
    ("What Comes Next", "10"),
    ("Acknowledgments and About CoSN", "10"),
]
for name, page in toc:
    p(f"{name}<text:tab/>{page}", "TOCEntry")

sidebar(
    "THE 2032 TOPICS AT A GLANCE",
    [
        "HURDLES — 1. Keeping Up with the Pace of AI Change 2. Staffing Shortages Across Technical and Instructional Roles 3. Fragmented Funding Streams",
        "ACCELERATORS — 1. Lifelong Learning Ecosystems 2. Belonging and Connection 3. Leadership for Continuous Change",
        "TECH ENABLERS — 1. Trustworthy AI Platforms 2. Interoperability Standards 3. Digital Credentials &amp; Learner Wallets",
        "BRIDGES — Ethics Before Efficiency · Co-Design with Students &amp; Families · Evidence Over Hype",
    ],
)

# ---------------------------------------------------------------- letter
h("Letter from the CEO", 1, "SectionHeadingBreak")
p("Dear colleagues,")
p(
    "Every edition of this report starts with an argument. This year the argument in our advisory board was not about whether artificial intelligence belongs in schools; that question has been settled by the students themselves. It was about how systems that change slowly by design can keep pace with tools that change every month, and about how to keep people at the center while they do."
)
p(
    "You will see that tension on nearly every page that follows. The hurdles are, for the most part, about capacity: time, people and money. The accelerators are about relationships and learning that does not stop at the school door. The tech enablers are tools that only work when there is trust behind them. And the bridges, the themes that run across all three, ask us to put ethics before efficiency and evidence before hype."
)
p(
    "I am grateful to the 126 members of the advisory board who gave their evenings to this work, and to the students and families who joined our listening sessions for the first time this year."
)
p("Gregory P. Lindqvist", "Signature")
p("Chief Executive Officer, CoSN", "SignatureRole")

h("About This Report", 1, "SectionHeading")
p(
    "Driving K-12 Innovation is an annual project of CoSN, the Consortium for School Networking. Between September and December 2031 an international advisory board of 126 education and technology leaders from 20 countries reviewed research, shared examples from their systems and voted in three rounds to identify the topics that will matter most to K-12 innovation in the year ahead. The top three topics in each category are presented in this report."
)
sidebar(
    "HOW TO READ THIS REPORT",
    [
        "HURDLES are the challenges that stand between schools and meaningful innovation, from policy and funding to time and culture.",
        "ACCELERATORS are the megatrends that push schools toward new practices – whether or not they feel ready.",
        "TECH ENABLERS are the tools and technologies that help schools overcome the Hurdles and take advantage of the Accelerators.",
        "BRIDGES are the themes that connect all three categories and surfaced throughout the advisory board’s conversations.",
    ],
)

# ---------------------------------------------------------------- hurdles
h("Hurdles", 1, "CategoryHeading")
p(
    "Left unaddressed, a hurdle can turn a promising pilot into an expensive memory. The advisory board’s top three hurdles for 2032 are all, in one way or another, about capacity.",
    "Intro",
)

topic(
    "Hurdle",
    1,
    "Keeping Up with the Pace of AI Change",
    "RETURNING",
    [
        "Three years ago the question in most districts was whether to allow generative AI at all. Today the tools change monthly, models are retired with little warning, and features that did not exist in August are switched on in October by a routine vendor update. Advisory board members described AI guidance that was out of date before their school boards approved it and professional learning plans that aged faster than the school calendar."
    ],
    [
        "When change outpaces a system’s ability to learn, people fall back on the two easiest responses: ban it or ignore it. Neither serves students. The systems that handled this hurdle best treated their AI guidance as a living document, reviewed every term, and gave a small team the explicit job of keeping watch."
    ],
    [
        "Who in your system is responsible for tracking changes to AI tools already in use?",
        "How often is your AI guidance reviewed, and who is at the table when it is?",
        "What would you stop doing to give staff time to learn?",
    ],
)

topic(
    "Hurdle",
    2,
    "Staffing Shortages Across Technical and Instructional Roles",
    "RETURNING",
    [
        "The teacher shortage is familiar. Less visible is the shortage behind the screens: network engineers, security analysts, data specialists and help-desk technicians who can earn far more outside education. Many small districts now share a single security professional with three or four neighbors, if they have one at all."
    ],
    [
        "Every other item in this report depends on people. A district cannot adopt interoperability standards without someone who understands them, and it cannot keep up with AI change if its only technician is replacing broken screens."
    ],
    [
        "Which technical roles would hurt most to lose this year, and what is your plan if you do?",
        "Could a regional partnership or shared-services agreement fill a gap?",
        "Are there growth paths that would keep your best technicians, or your best teachers, from leaving?",
    ],
    side=(
        "SIDEBAR: WHAT WE MEAN BY TECHNICAL STAFF",
        [
            "In this report, technical staff refers to network, security, data, device and help-desk roles, whether employed directly by a district or by a regional service agency."
        ],
    ),
)

topic(
    "Hurdle",
    3,
    "Fragmented Funding Streams",
    "NEW",
    [
        "Innovation is rarely paid for from a single source. Federal programs, state grants, E-rate, local levies and philanthropy each arrive with their own timelines, rules and reports. Board members described device programs held together by a dozen funding sources, each with a different end date."
    ],
    [
        "Fragmented funding rewards short pilots and punishes sustained work. When a grant ends, the most innovative program in a district is often the first to be cut, and staff learn to be wary of the next new idea."
    ],
    [
        "Which of your current innovations depend on funding that ends within two years?",
        "Who in your system sees the full picture of technology funding, across departments?",
        "What would it take to move a successful pilot into the general budget?",
    ],
    quote=(
        "“We have eleven funding sources for one device program, and every one of them has a different definition of a device.”",
        "— Odalys Ferrer-McCann, Chief Financial Officer, Tri-County Regional Schools, and advisory board member",
    ),
)

# ---------------------------------------------------------------- accelerators
h("Accelerators", 1, "CategoryHeading")
p(
    "Accelerators are the tailwinds of this framework: forces outside the control of any one school system that nonetheless make change more likely, and sometimes more urgent.",
    "Intro",
)

topic(
    "Accelerator",
    1,
    "Lifelong Learning Ecosystems",
    "RETURNING",
    [
        "Learning no longer ends at graduation, and it no longer happens only in school. Students learn from libraries, employers, museums, online communities and each other, and adults return to learning again and again across their working lives. Schools are increasingly one node in a larger network rather than the whole of it."
    ],
    [
        "When schools see themselves as part of an ecosystem, partnerships stop being extras and become part of the design. The most promising examples the board shared gave students credit for learning that happened outside school hours."
    ],
    [
        "Which organizations in your community already teach your students something you don’t?",
        "How could learning outside school count toward a student’s record?",
    ],
    side=(
        "DEFINITION",
        [
            "Learning ecosystem: the network of schools, libraries, employers, community organizations and online platforms through which a person learns across a lifetime."
        ],
    ),
)

topic(
    "Accelerator",
    2,
    "Belonging and Connection",
    "NEW",
    [
        "After years of disrupted routines, families, students and educators are asking schools to be places where everyone is known. Attendance, engagement and well-being research all point in the same direction: students who feel they belong come to school, and students who come to school learn."
    ],
    [
        "Belonging is not a program; it is a condition. Technology can help, for example by giving advisors a single view of a student or by connecting families in their home languages, but it can also erode belonging when it replaces conversations that should happen in person."
    ],
    [
        "Could every student in your school name an adult who would notice if they were absent?",
        "Where does technology strengthen relationships in your system, and where does it stand in for them?",
    ],
    quote=(
        "“The schools that are thriving are the ones where every student can name an adult who would notice if they were gone.”",
        "— Tobias Ekwueme-Lund, Principal, Harbourview Secondary School, and advisory board member",
    ),
)

topic(
    "Accelerator",
    3,
    "Leadership for Continuous Change",
    None,
    [
        "Leaders who came up in an era of five-year strategic plans are now managing change measured in months. The board pointed to a growing movement to develop leaders who are comfortable with iteration, transparent about what is not working and willing to share decisions with teachers, students and families."
    ],
    [
        "Every hurdle in this report is easier to clear in a system whose leaders expect change and have built the habits to absorb it."
    ],
    [
        "How does your leadership team learn about what is not working?",
        "What decisions could be shared more widely next year?",
    ],
)

# ---------------------------------------------------------------- tech enablers
h("Tech Enablers", 1, "CategoryHeading")
p(
    "None of the tech enablers below is a silver bullet, and none is an endorsement of a product. Each is most useful when paired with a clear purpose drawn from the hurdles and accelerators.",
    "Intro",
)

topic(
    "Tech Enabler",
    1,
    "Trustworthy AI Platforms",
    "RETURNING",
    [
        "Districts are moving away from a scattering of individual AI tools toward platforms that can be governed as a whole: one place to set data rules, review what a model is allowed to do and see how it is being used. Vendors increasingly publish model cards, audit logs and data retention terms written for school leaders rather than lawyers."
    ],
    [
        "Trust is the precondition for everything else AI might do in schools. A platform that a district can explain to its families is one it can actually use."
    ],
    [
        "Can you explain to a parent, in two sentences, what happens to their child’s data in your AI tools?",
        "Who in your system reviews AI features before they are turned on?",
    ],
    side=(
        "DEFINITION",
        [
            "Trustworthy AI refers to AI systems whose data practices, limits and decision logic can be explained, audited and governed by the people who use them."
        ],
    ),
)

topic(
    "Tech Enabler",
    2,
    "Interoperability Standards",
    None,
    [
        "Interoperability is the ability of different systems to exchange and use data without anyone retyping it. Common standards for rostering, assessment results and learning records mean that a new tool can be connected in days rather than months, and retired without losing the data it held."
    ],
    [
        "Interoperability is unglamorous, and it is the reason some districts can try new things quickly and safely while others are stuck. It also speaks directly to the staffing hurdle: fewer manual integrations mean fewer hours spent on them."
    ],
    [
        "Do your contracts require vendors to support open standards?",
        "How much staff time goes into moving data between systems by hand?",
    ],
)

topic(
    "Tech Enabler",
    3,
    "Digital Credentials &amp; Learner Wallets",
    "NEW",
    [
        "Digital credentials are verifiable records of what a learner knows and can do, issued by schools, employers or training providers. A learner wallet is a student-controlled digital space that holds those credentials and lets the student decide whom to share them with."
    ],
    [
        "Credentials and wallets are the practical link between the accelerators and the world after school: they let learning from many places count, and they give students ownership of their own records."
    ],
    [
        "What learning in your system is currently invisible on a transcript?",
        "Who should control a student’s record once they leave your schools?",
    ],
)

# ---------------------------------------------------------------- bridges
h("Bridges", 1, "CategoryHeadingFlow")
p(
    "Bridges are the themes that surfaced again and again in the advisory board’s discussions, no matter which category was on the table. They do not belong to any one list; they connect the hurdles, accelerators and tech enablers.",
    "Intro",
)

topic(
    "Bridge",
    "A",
    "Ethics Before Efficiency",
    None,
    [
        "New tools almost always promise to save time. The board asked that the first question be whether a tool is right for students, and only then whether it is fast."
    ],
    ["Efficiency gains that cost trust are not gains."],
    ["Which recent decision in your system was made mainly for efficiency, and what did it cost?"],
)

topic(
    "Bridge",
    "B",
    "Co-Design with Students &amp; Families",
    None,
    [
        "For the first time this year, students and families joined the advisory process through listening sessions in six countries. Their message was simple, and one student on the youth panel put it best: “Don’t design for us. Design with us.”"
    ],
    ["Tools and policies designed with their users are adopted faster and abandoned less often."],
    ["Where could students sit on a technology decision in your system next year?"],
)

topic(
    "Bridge",
    "C",
    "Evidence Over Hype",
    None,
    [
        "Board members were candid about purchases made in a hurry. The bridge is a reminder to ask for evidence, to run small trials and to share what did not work."
    ],
    ["Hype spends money that evidence would have saved."],
    ["What evidence would persuade you to stop using a tool you already own?"],
)

# ---------------------------------------------------------------- back matter
h("What Comes Next", 1, "SectionHeading")
p(
    "Advisory board members will discuss the 2032 topics at CoSN2032 and in a spring webinar series. A discussion toolkit with slides and facilitation notes for each topic is available to CoSN members."
)

h("Methodology", 2, "BackHeading")
p(
    "Advisory board members were nominated by CoSN members and partner organizations. In round one, members proposed and discussed candidate topics; in rounds two and three, they ranked them. Topics are labeled NEW when they appear for the first time and RETURNING when they have appeared in a previous edition, even under a different name."
)

h("Acknowledgments", 2, "BackHeading")
p(
    "CoSN thanks the 126 members of the 2032 advisory board, the students and families who joined our listening sessions, and our underwriting partners Brightline Learning Systems and Corvalis Networks. The views in this report are those of the advisory board and do not necessarily reflect those of the sponsors."
)

h("About CoSN", 2, "BackHeading")
p(
    "CoSN, the Consortium for School Networking, is the professional association for school system technology leaders. CoSN provides leaders with the management, community and advocacy tools they need to succeed."
)
p(
    "© 2032 Consortium for School Networking. This work is licensed for non-commercial use with attribution.",
    "SmallPrint",
)

# ---------------------------------------------------------------- document
STYLES = r"""
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" style:font-family-generic="swiss"/>
  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" style:font-family-generic="roman"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
   <style:text-properties style:font-name="DejaVu Serif" fo:font-size="10.5pt" fo:language="en" fo:country="US" fo:hyphenate="false"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-top="0in" fo:margin-bottom="0.08in" fo:line-height="128%" fo:text-align="justify"/>
  </style:style>
  <style:style style:name="Intro" style:family="paragraph" style:parent-style-name="Body">
   <style:paragraph-properties fo:margin-bottom="0.14in"/>
   <style:text-properties fo:font-size="11.5pt" fo:font-style="italic" fo:color="#3b4453"/>
  </style:style>
  <style:style style:name="Signature" style:family="paragraph" style:parent-style-name="Body">
   <style:paragraph-properties fo:margin-top="0.12in" fo:margin-bottom="0in"/>
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="SignatureRole" style:family="paragraph" style:parent-style-name="Body">
   <style:text-properties fo:font-style="italic"/>
  </style:style>
  <style:style style:name="SmallPrint" style:family="paragraph" style:parent-style-name="Body">
   <style:paragraph-properties fo:margin-top="0.2in"/>
   <style:text-properties fo:font-size="8pt" fo:color="#555555"/>
  </style:style>
  <style:style style:name="HeadingBase" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:keep-with-next="always"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-weight="bold" fo:color="#0d3b66"/>
  </style:style>
  <style:style style:name="FrontHeading" style:family="paragraph" style:parent-style-name="HeadingBase" style:default-outline-level="1">
   <style:paragraph-properties fo:margin-top="0in" fo:margin-bottom="0.15in"/>
   <style:text-properties fo:font-size="20pt"/>
  </style:style>
  <style:style style:name="SectionHeading" style:family="paragraph" style:parent-style-name="HeadingBase" style:default-outline-level="1">
   <style:paragraph-properties fo:margin-top="0.22in" fo:margin-bottom="0.1in"/>
   <style:text-properties fo:font-size="16pt"/>
  </style:style>
  <style:style style:name="SectionHeadingBreak" style:family="paragraph" style:parent-style-name="SectionHeading">
   <style:paragraph-properties fo:break-before="page" fo:margin-top="0in"/>
  </style:style>
  <style:style style:name="CategoryHeading" style:family="paragraph" style:parent-style-name="HeadingBase" style:default-outline-level="1">
   <style:paragraph-properties fo:break-before="page" fo:margin-top="0in" fo:margin-bottom="0.08in" fo:padding="0.08in" fo:background-color="#0d3b66"/>
   <style:text-properties fo:font-size="24pt" fo:color="#ffffff" fo:text-transform="uppercase" fo:letter-spacing="0.04in"/>
  </style:style>
  <style:style style:name="CategoryHeadingFlow" style:family="paragraph" style:parent-style-name="CategoryHeading" style:default-outline-level="1">
   <style:paragraph-properties fo:break-before="auto" fo:margin-top="0.3in"/>
  </style:style>
  <style:style style:name="TopicHeading" style:family="paragraph" style:parent-style-name="HeadingBase" style:default-outline-level="2">
   <style:paragraph-properties fo:margin-top="0.2in" fo:margin-bottom="0.02in" fo:border-bottom="1.2pt solid #c0392b" fo:padding-bottom="0.03in">
    <style:tab-stops><style:tab-stop style:position="1.75in"/></style:tab-stops>
   </style:paragraph-properties>
   <style:text-properties fo:font-size="14pt"/>
  </style:style>
  <style:style style:name="SubHeading" style:family="paragraph" style:parent-style-name="HeadingBase" style:default-outline-level="3">
   <style:paragraph-properties fo:margin-top="0.08in" fo:margin-bottom="0.03in"/>
   <style:text-properties fo:font-size="10.5pt" fo:color="#c0392b" fo:font-variant="small-caps"/>
  </style:style>
  <style:style style:name="BackHeading" style:family="paragraph" style:parent-style-name="HeadingBase" style:default-outline-level="2">
   <style:paragraph-properties fo:margin-top="0.16in" fo:margin-bottom="0.05in"/>
   <style:text-properties fo:font-size="12.5pt"/>
  </style:style>
  <style:style style:name="TagLine" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.06in"/>
  </style:style>
  <style:style style:name="Tag" style:family="text">
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="7.5pt" fo:font-weight="bold" fo:color="#ffffff" fo:background-color="#c0392b" fo:letter-spacing="0.01in"/>
  </style:style>
  <style:style style:name="ListItem" style:family="paragraph" style:parent-style-name="Body">
   <style:paragraph-properties fo:margin-bottom="0.03in" fo:text-align="start"/>
  </style:style>
  <style:style style:name="TOCEntry" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.06in">
    <style:tab-stops><style:tab-stop style:position="6.5in" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops>
   </style:paragraph-properties>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="11pt"/>
  </style:style>
  <style:style style:name="SidebarTitle" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.05in"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="9pt" fo:font-weight="bold" fo:color="#1f5fa8" fo:letter-spacing="0.01in"/>
  </style:style>
  <style:style style:name="SidebarText" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.04in" fo:line-height="120%"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="8.5pt"/>
  </style:style>
  <style:style style:name="PullQuote" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-left="0.6in" fo:margin-right="0.6in" fo:margin-top="0.14in" fo:margin-bottom="0.04in" fo:text-align="center" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="DejaVu Serif" fo:font-size="13pt" fo:font-style="italic" fo:color="#0d3b66"/>
  </style:style>
  <style:style style:name="PullCredit" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-left="0.6in" fo:margin-right="0.6in" fo:margin-bottom="0.14in" fo:text-align="center"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="8pt" fo:color="#3b4453"/>
  </style:style>
  <style:style style:name="CoverOrg" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-top="1.2in" fo:margin-bottom="0.6in"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="22pt" fo:font-weight="bold" fo:color="#c0392b" fo:letter-spacing="0.06in"/>
  </style:style>
  <style:style style:name="CoverTitle" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="34pt" fo:font-weight="bold" fo:color="#0d3b66"/>
  </style:style>
  <style:style style:name="CoverYear" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.4in"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="60pt" fo:font-weight="bold" fo:color="#f0a202"/>
  </style:style>
  <style:style style:name="CoverSub" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="2.4in"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="14pt" fo:color="#3b4453"/>
  </style:style>
  <style:style style:name="CoverNote" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:margin-bottom="0.05in"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt" fo:color="#3b4453"/>
  </style:style>
  <style:style style:name="HeaderText" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="end" fo:border-bottom="0.5pt solid #999999" fo:padding-bottom="0.03in"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="7.5pt" fo:color="#666666" fo:letter-spacing="0.01in"/>
  </style:style>
  <style:style style:name="FooterText" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:border-top="0.5pt solid #999999" fo:padding-top="0.03in">
    <style:tab-stops><style:tab-stop style:position="6.5in" style:type="right"/></style:tab-stops>
   </style:paragraph-properties>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="7.5pt" fo:color="#666666"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pmCover">
   <style:page-layout-properties fo:page-width="8.5in" fo:page-height="11in" fo:margin-top="0.9in" fo:margin-bottom="0.9in" fo:margin-left="1in" fo:margin-right="1in" fo:background-color="#f4f1ea"/>
  </style:page-layout>
  <style:page-layout style:name="pmMain">
   <style:page-layout-properties fo:page-width="8.5in" fo:page-height="11in" fo:margin-top="0.55in" fo:margin-bottom="0.55in" fo:margin-left="1in" fo:margin-right="1in"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.2in" fo:margin-bottom="0.2in"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.2in" fo:margin-top="0.2in"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="PCover" style:family="paragraph" style:parent-style-name="CoverOrg" style:master-page-name="Cover"/>
  <style:style style:name="PFirstMain" style:family="paragraph" style:parent-style-name="FrontHeading" style:master-page-name="Main">
   <style:paragraph-properties style:page-number="auto"/>
  </style:style>
  <style:style style:name="SidebarTable" style:family="table">
   <style:table-properties style:width="6.5in" table:align="margins" fo:margin-top="0.08in" fo:margin-bottom="0.12in"/>
  </style:style>
  <style:style style:name="SidebarCol" style:family="table-column">
   <style:table-column-properties style:column-width="6.5in"/>
  </style:style>
  <style:style style:name="SidebarCell" style:family="table-cell">
   <style:table-cell-properties fo:background-color="#e8f1f8" fo:padding="0.1in" fo:border-left="3pt solid #1f5fa8" fo:border-right="none" fo:border-top="none" fo:border-bottom="none"/>
  </style:style>
  <text:list-style style:name="Bullets">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.3in" fo:text-indent="-0.18in" fo:margin-left="0.3in"/>
    </style:list-level-properties>
   </text:list-level-style-bullet>
  </text:list-style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pmMain"/>
  <style:master-page style:name="Cover" style:page-layout-name="pmCover" style:next-style-name="Main"/>
  <style:master-page style:name="Main" style:page-layout-name="pmMain">
   <style:header><text:p text:style-name="HeaderText">CoSN  |  DRIVING K-12 INNOVATION 2032</text:p></style:header>
   <style:footer><text:p text:style-name="FooterText">Driving K-12 Innovation 2032 · © 2032 Consortium for School Networking<text:tab/>Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
"""

# cover paragraph opens the Cover master page; the first main-page heading switches to Main
body[0] = body[0].replace('text:style-name="CoverOrg"', 'text:style-name="PCover"', 1)
for i, el in enumerate(body):
    if 'text:style-name="FrontHeading"' in el:
        body[i] = el.replace('text:style-name="FrontHeading"', 'text:style-name="PFirstMain"', 1)
        break

doc = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">\n'
    " <office:meta><dc:title>Driving K-12 Innovation 2032</dc:title><meta:initial-creator>CoSN Communications</meta:initial-creator>"
    "<dc:subject>Hurdles, Accelerators, Tech Enablers and Bridges</dc:subject></office:meta>\n"
    + STYLES
    + " <office:body>\n  <office:text>\n"
    + "\n".join(body)
    + "\n  </office:text>\n </office:body>\n</office:document>\n"
)

with open(OUT, "w", encoding="utf-8") as f:
    f.write(doc)
