"""Name pools for the synthetic register: German and immigrant family and given names.

Spelling with the diacritics as a German registry records them (Çelik, Łukasz, Şahin).
Invented combinations of common names; no real person is meant.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    key: str
    share: float                       # share of households in the city as a whole
    family: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    #: how much more common in inner-city districts (Innenstadt-Nord gets the most)
    inner_city: float = 1.0


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GERMAN_FAMILY = _t("""
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein
Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause
Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz
Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann
Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer
Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch
Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer Wilke Brinkmann Hülsmann Kemper Wilmes Rüther Große-Brauckmann
Westphal Tiemann Overbeck Heckmann Budde Gerwin Kötter Niehaus Schürmann Hengstenberg Kortmann Bröcker Sprenger
Terhorst Hölscher Rademacher Stratmann Lueg Wiesmann Dreier Krumme Twardowski Kowalczyk Schimanski Przybilla
Kaminski Nowak Szymanski Grabowski Sobczak Adamczyk
""")
GERMAN_MALE_OLD = _t("""
Peter Klaus Wolfgang Jürgen Dieter Manfred Uwe Günter Horst Hans Werner Gerhard Heinz Helmut Rolf Bernd
Karl-Heinz Hans-Jürgen Friedhelm Wilfried Rainer Norbert Detlef Reinhard Ulrich Siegfried Heinz-Dieter Walter
Herbert Josef Erich Gerd Volker Michael Thomas Andreas Frank Ralf Stefan Jörg
""")
GERMAN_FEMALE_OLD = _t("""
Ursula Helga Renate Monika Gisela Ingrid Brigitte Karin Elke Erika Christa Hannelore Gabriele Petra Sabine
Birgit Marlies Doris Rosemarie Waltraud Irmgard Ilse Hildegard Gertrud Edeltraud Heike Andrea Susanne
Martina Angelika Marianne Christel Bärbel Jutta Dagmar Anneliese Käthe Liesel
""")
GERMAN_MALE_YOUNG = _t("""
Lukas Leon Finn Jonas Paul Ben Elias Noah Luca Felix Maximilian Tim Niklas Jan Julian Moritz Tobias Philipp
Alexander Daniel Sebastian Florian Kevin Dennis Marcel Christian Marco Sven Matthias Dominik Jannik Nils Henri
Emil Theo Mats Linus Mattis Jakob Till Lennard
""")
GERMAN_FEMALE_YOUNG = _t("""
Anna Lena Lea Hannah Mia Emma Sophie Marie Laura Lisa Julia Sarah Katharina Johanna Jana Leonie Lara Nina
Jessica Jennifer Nicole Stefanie Melanie Sandra Katrin Christina Vanessa Annika Franziska Clara Greta Ida
Mila Frieda Emilia Charlotte Paula Lina Luisa Jule
""")

ORIGINS: tuple[Origin, ...] = (
    Origin("german", 0.655, GERMAN_FAMILY, GERMAN_MALE_OLD + GERMAN_MALE_YOUNG,
           GERMAN_FEMALE_OLD + GERMAN_FEMALE_YOUNG, inner_city=0.7),
    Origin("turkish", 0.085, _t("""
Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç
Kurt Özkan Şimşek Polat Korkmaz Güneş Erdoğan Aktaş Bulut Acar Tekin Karataş Gül Uçar Bozkurt Kaplan Keskin
"""), _t("""
Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Emre Burak Serkan Kemal Can Cem
Deniz Eren Yunus Emir Kerem Baran Furkan Mert Hakan Volkan Tarık Erdem
"""), _t("""
Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Sultan Hülya Gül Özlem Derya Esra Büşra Merve Selin Ecem
Duygu Yasemin Aylin Dilara Sena Ebru Gizem Nur Melek Songül Gülşen Sibel
"""), inner_city=2.2),
    Origin("polish", 0.045, _t("""
Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski
Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Pawłowski Michalski Król Wieczorek Jabłoński Wróbel
"""), _t("""
Łukasz Piotr Krzysztof Tomasz Paweł Michał Marcin Grzegorz Jakub Kamil Mateusz Wojciech Andrzej Stanisław
Przemysław Dariusz Rafał Sławomir Bartosz Zbigniew
"""), _t("""
Agnieszka Małgorzata Katarzyna Anna Joanna Magdalena Ewa Barbara Dorota Beata Żaneta Justyna Monika Aleksandra
Natalia Wiktoria Zofia Urszula Jadwiga Grażyna
"""), inner_city=1.3),
    Origin("arabic", 0.04, _t("""
Al-Hassan Haddad Khalil Ibrahim Mahmoud Abdullah Al-Ahmad Hamdan Nasser Saleh Youssef Mansour Darwish Kassem
Al-Khatib Hussein Othman Sabbagh Al-Masri Jaber Rahman Suleiman Hamoud Aziz
"""), _t("""
Mohammed Ahmad Mahmoud Omar Khaled Yousef Ali Hassan Hussein Abdulrahman Mustafa Ibrahim Bilal Karim Samir Tarek
Anas Amir Rami Nour
"""), _t("""
Fatima Aisha Maryam Noor Rania Lina Yasmin Hiba Amal Huda Layla Rasha Salma Dana Zainab Sara Reem Hanan Alaa
Nour
"""), inner_city=2.5),
    Origin("russian_german", 0.03, _t("""
Schmidt Becker Wagner Neufeld Friesen Janzen Penner Klassen Dyck Wiebe Regehr Sawatzky Iwanow Petrow Smirnow
Kusnezow Popow Wolkow Morosow Lebedew Sokolow Nowikow Fedorow Tschernow
"""), _t("""
Alexander Sergej Andrej Dmitri Wladimir Juri Viktor Eduard Waldemar Artur Igor Oleg Nikolai Maxim Witali Roman
Pawel Eugen Konstantin Anatoli
"""), _t("""
Olga Natalia Jelena Swetlana Tatjana Irina Ljudmila Galina Valentina Larissa Anastasia Julia Oxana Marina Alina
Viktoria Nadeschda Ekaterina Lilia Ksenia
"""), inner_city=0.9),
    Origin("italian", 0.02, _t("""
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Leone Costa
Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana Caruso D'Angelo
"""), _t("""
Giuseppe Giovanni Antonio Mario Francesco Luigi Salvatore Angelo Vincenzo Pietro Marco Luca Alessandro Andrea
Matteo Lorenzo Davide Gianluca Nicola Domenico
"""), _t("""
Maria Anna Giuseppina Rosa Angela Giovanna Teresa Lucia Carmela Francesca Giulia Chiara Sara Martina Alessia
Federica Valentina Elena Silvia Antonella
"""), inner_city=1.1),
    Origin("greek", 0.015, _t("""
Papadopoulos Papadakis Georgiou Nikolaidis Dimitriou Konstantinou Ioannidis Vasileiou Christodoulou Karagiannis
Pappas Oikonomou Alexiou Athanasiou Makris Theodorou
"""), _t("""
Georgios Dimitrios Konstantinos Ioannis Nikolaos Christos Panagiotis Vasileios Athanasios Evangelos Michail
Spyridon Theodoros Stavros Kostas
"""), _t("""
Maria Eleni Aikaterini Vasiliki Sofia Angeliki Georgia Dimitra Konstantina Paraskevi Christina Despoina Ioanna
Evangelia Chrysoula
"""), inner_city=1.1),
    Origin("romanian", 0.02, _t("""
Popescu Ionescu Popa Pop Constantin Stan Dumitru Stoica Gheorghe Munteanu Matei Ciobanu Rusu Lungu Moldovan
Ștefan Mihai Marin Tudor Dragomir Sârbu Florea
"""), _t("""
Ion Gheorghe Constantin Vasile Nicolae Mihai Andrei Alexandru Florin Cristian Daniel Marius Ionuț Adrian Ștefan
Bogdan Răzvan Cătălin Sorin Vlad
"""), _t("""
Maria Elena Ioana Ana Mihaela Andreea Cristina Gabriela Alexandra Daniela Florentina Georgiana Ramona Roxana
Larisa Bianca Alina Denisa Ștefania Irina
"""), inner_city=2.4),
    Origin("bulgarian", 0.015, _t("""
Ivanov Georgiev Dimitrov Petrov Nikolov Hristov Stoyanov Todorov Iliev Vasilev Atanasov Angelov Yordanov
Marinov Kolev Ahmedov Mehmedov Aliev
"""), _t("""
Georgi Ivan Dimitar Nikolay Petar Hristo Stoyan Todor Vasil Angel Yordan Martin Aleksandar Kiril Atanas Ahmed
Mehmed Emil
"""), _t("""
Maria Ivanka Elena Yordanka Penka Mariya Daniela Rositsa Desislava Petya Gergana Silviya Nadezhda Teodora
Aysel Fatme Emine Radka
"""), inner_city=2.6),
    Origin("kurdish", 0.015, _t("""
Bozkurt Aydın Doğan Ekinci Tekin Bingöl Xelîl Ezîz Demir Yıldız Akyol Kılınç Zaza Temel Tunç Elçi Botan Şêx
"""), _t("""
Rojhat Diyar Şivan Baran Berxwedan Azad Serhat Welat Dilovan Rêzan Agit Heval Kawa Ciwan Bawer Zinar
"""), _t("""
Rojda Berfin Zilan Hêvî Rûken Dilan Berivan Nûjiyan Jiyan Evîn Helin Delal Ronahî Sêvê Bêrîvan Gulistan
"""), inner_city=2.0),
    Origin("ukrainian", 0.02, _t("""
Melnyk Shevchenko Boyko Kovalenko Bondarenko Tkachenko Kravchenko Oliynyk Shevchuk Koval Polishchuk Bondar
Tkachuk Moroz Marchenko Lysenko Rudenko Savchenko Petrenko Kuzmenko
"""), _t("""
Oleksandr Andrii Serhii Volodymyr Dmytro Mykola Ivan Vasyl Yurii Oleh Taras Bohdan Maksym Artem Vitalii Ihor
Roman Denys Yaroslav Mykhailo
"""), _t("""
Olena Tetiana Nataliia Iryna Svitlana Oksana Yuliia Liudmyla Kateryna Anastasiia Mariia Olha Viktoriia Halyna
Daryna Sofiia Anna Khrystyna Alina Valentyna
"""), inner_city=1.3),
    Origin("balkan", 0.02, _t("""
Hodžić Kovačević Begić Hadžić Mehmedović Delić Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić
Horvat Babić Marić Jurić Novak Kovačić Knežević Krasniqi Berisha Gashi Hoxha
"""), _t("""
Amir Emir Adnan Armin Edin Nikola Marko Stefan Luka Milan Dragan Zoran Ivan Josip Ante Goran Dario Arben
Driton Besnik
"""), _t("""
Amra Lejla Emina Ajla Selma Jelena Milica Ana Ivana Marija Dragana Snežana Maja Petra Nikolina Mirela Arta
Blerta Vjosa Drita
"""), inner_city=1.6),
)

#: a person of Russian-German origin has a German given name with this probability
RUSSIAN_GERMAN_GERMAN_GIVEN = 0.35
